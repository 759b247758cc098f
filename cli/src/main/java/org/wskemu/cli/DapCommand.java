package org.wskemu.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu dap}: the debugger as a Debug Adapter Protocol server on standard input and output,
 * for editors (the {@code wskemu} debugger type of {@code editors/vscode}). Launch arguments:
 * {@code {"session": FILE, "profile": P, "stopOnEntry": true|false}} or {@code {"store": S, "run": N}}.
 */
@Command(name = "dap", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Speak the Debug Adapter Protocol on standard input and output: the time-travel debugger "
                + "of 'debug' for an editor.",
                "launch takes {\"session\": FILE, \"profile\": P, \"stopOnEntry\": true|false} or "
                        + "{\"store\": S, \"run\": N}. Breakpoint conditions: FIELD == VALUE or FIELD != VALUE over op, "
                        + "socket, status, port, process, line, position, diverged, joined by && and ||."})
final class DapCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // the protocol owns standard output: anything else a library prints goes to standard error
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            InputStream in = parent.stdin == System.in ? new FileInputStream(FileDescriptor.in) : parent.stdin;
            serve(in, protocol);
        } finally {
            System.setOut(stdout);
        }
        return ExitCode.OK;
    }

    /** Serves one debugging session on {@code in} and {@code out} until the editor disconnects or closes its end. */
    static void serve(InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Queue queue = new Queue();
        DapServer server = new DapServer(queue::later, done::countDown);
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "wskemu-dap");
            thread.setDaemon(true);
            return thread;
        });
        Launcher<IDebugProtocolClient> launcher = DSPLauncher.createServerLauncher(server, in, out, threads, queue::wrap);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        Thread watcher = new Thread(() -> {
            try {
                listening.get();
            } catch (Exception e) {
                // the editor closed its end: the session is over either way
            }
            done.countDown();
        }, "wskemu-dap-end");
        watcher.setDaemon(true);
        watcher.start();
        done.await();
        server.close();
        listening.cancel(true);
        threads.shutdownNow();
    }

    /** Events held until the response being written has gone out. */
    private static final class Queue {
        private final List<Runnable> pending = new ArrayList<>();

        synchronized void later(Runnable event) {
            pending.add(event);
        }

        /** Wraps both directions' consumers; only a response going out lets the pending events follow it. */
        MessageConsumer wrap(MessageConsumer consumer) {
            return message -> {
                List<Runnable> due;
                synchronized (this) {
                    consumer.consume(message);
                    if (!(message instanceof ResponseMessage)) {
                        return;
                    }
                    due = new ArrayList<>(pending);
                    pending.clear();
                }
                due.forEach(Runnable::run);
            };
        }
    }
}
