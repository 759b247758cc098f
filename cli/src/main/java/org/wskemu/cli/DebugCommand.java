package org.wskemu.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu debug FILE} and {@code wskemu --store S debug [--run N]}: a time-travel debugger on
 * one run, driven by commands on standard input: at a prompt with history and completion when it is
 * a terminal, read plainly otherwise so that a script can drive it.
 */
@Command(name = "debug", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Step forward and back through a session file's calls (run in memory under --profile) or "
                + "a recorded run of the store (the last one unless --run), with breakpoints, watches and the "
                + "state and explanation at the cursor.",
                "Commands, one a line on standard input ('help' lists them): step/p, back/p-, continue/g, "
                        + "reverse/g-, goto POSITION|line N|N%%, break line N|port P|status S|diverged|refused, "
                        + "breaks, delete N, watch port P, where, state [--port P], explain, sockets, socket LABEL, "
                        + "ports, help, quit."})
final class DebugCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1",
            description = "A session file to run in memory; without it, a run of the store.")
    Path file;

    @Option(names = "--run", paramLabel = "N", description = "The store's run to debug (default: the last).")
    Long run;

    @Mixin
    ListingFormat format = new ListingFormat();

    @Override
    public Integer call() {
        ListingFormat.Kind kind = format.kind();
        if (kind == ListingFormat.Kind.CSV) {
            throw new UserError(ExitCode.BAD_INPUT, "debug answers as table or json, not csv");
        }
        if (file != null && file.toString().equals("-")) {
            throw new UserError(ExitCode.BAD_INPUT, "debug reads its commands from standard input, so the session "
                    + "cannot come from there: name its file");
        }
        if (file != null && run != null) {
            throw new UserError(ExitCode.BAD_INPUT, "--run picks a run of the store: it does not apply to a session file");
        }
        if (file != null && storeGiven()) {
            throw new UserError(ExitCode.BAD_INPUT, "debug FILE runs the session in memory: it takes no --store");
        }
        if (run != null && run < 1) {
            throw new UserError(ExitCode.BAD_INPUT, "--run must be a run number (1 or more), was " + run);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (file != null) {
            Optional<SessionRecording> session = SessionRecording.run(file, parent.global.profile,
                    spec.commandLine().getErr());
            if (session.isEmpty()) {
                return ExitCode.BAD_INPUT;
            }
            try (SessionRecording recording = session.get()) {
                return debug(DebugRun.open(recording, null), out, kind);
            }
        }
        try (Machine.Query recording = Machine.query(parent.global, spec)) {
            return debug(DebugRun.open(recording, run), out, kind);
        }
    }

    private int debug(DebugRun opened, PrintWriter out, ListingFormat.Kind kind) {
        Debugger debugger = new Debugger(opened);
        DebugShell shell = new DebugShell(debugger, out, kind == ListingFormat.Kind.JSON);
        shell.open();
        out.flush();
        if (parent.stdin == System.in && System.console() != null) {
            prompt(shell, out);
        } else {
            plain(shell, out);
        }
        out.flush();
        return ExitCode.OK;
    }

    /** Plain lines: one command each, no prompt, until {@code quit} or the end of input. */
    private void plain(DebugShell shell, PrintWriter out) {
        BufferedReader in = new BufferedReader(new InputStreamReader(parent.stdin, StandardCharsets.UTF_8));
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                boolean more = shell.execute(line);
                out.flush();
                if (!more) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A terminal: JLine's prompt, with the session's history and completion of the commands. */
    private void prompt(DebugShell shell, PrintWriter out) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("wskemu")
                    .completer(completer()).build();
            while (true) {
                String line;
                try {
                    line = reader.readLine("(wskemu) ");
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C drops the line being typed, as a shell does
                } catch (EndOfFileException e) {
                    return;
                }
                boolean more = shell.execute(line);
                out.flush();
                if (!more) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AggregateCompleter completer() {
        return new AggregateCompleter(
                new ArgumentCompleter(new StringsCompleter("break"), new StringsCompleter(DebugShell.BREAK_KINDS),
                        NullCompleter.INSTANCE),
                new ArgumentCompleter(new StringsCompleter("watch"), new StringsCompleter("port"), NullCompleter.INSTANCE),
                new ArgumentCompleter(new StringsCompleter("goto"), new StringsCompleter("line"), NullCompleter.INSTANCE),
                new ArgumentCompleter(new StringsCompleter("state"), new StringsCompleter("--port"), NullCompleter.INSTANCE),
                new ArgumentCompleter(new StringsCompleter(DebugShell.COMMANDS.stream()
                        .filter(c -> !c.equals("break") && !c.equals("watch") && !c.equals("goto") && !c.equals("state"))
                        .toList()), NullCompleter.INSTANCE));
    }

    private boolean storeGiven() {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            if (s.commandLine().getParseResult() != null && s.commandLine().getParseResult().hasMatchedOption("--store")) {
                return true;
            }
        }
        return false;
    }
}
