package org.wskemu.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM while a {@code run} is in progress (issue #17): the first one asks the run to stop
 * after the batch in flight (which commits, or rolls back whole if it fails), so the store holds whole
 * batches and the run can say how far it got; the command then ends with 128 + the signal's number
 * (130, 143), as a process killed by it would. A second signal ends the process at once
 * ({@code halt}), as before: the batch in flight is then rolled back by the store (a commit is atomic).
 *
 * <p>[emulator choice] {@code sun.misc.Signal} (module jdk.unsupported, in every JDK since 1.2) rather
 * than a shutdown hook: a hook runs only once the JVM has begun to exit, when the main thread may still be
 * writing and nothing can wait for it to end its batch and print its summary; with a handler the run's
 * own thread stops between batches and everything after it runs as usual. Where a signal cannot be
 * handled (a JVM started with {@code -Xrs}), the default stays: the JVM exits, a commit is still whole.
 */
final class Interruption implements AutoCloseable {

    private final AtomicReference<Signal> received = new AtomicReference<>();
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private Interruption() {
    }

    /** Handles SIGINT and SIGTERM until {@link #close()}. */
    static Interruption install() {
        Interruption interruption = new Interruption();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                SignalHandler before = Signal.handle(signal, interruption::receive);
                interruption.signals.add(signal);
                interruption.previous.add(before);
            } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                // not on this platform, or the JVM keeps it (-Xrs): its default stays
            }
        }
        return interruption;
    }

    private void receive(Signal signal) {
        if (!received.compareAndSet(null, signal)) {
            Runtime.getRuntime().halt(128 + signal.getNumber()); // asked twice: at once
        }
    }

    /** @return whether a signal asked the run to stop */
    boolean requested() {
        return received.get() != null;
    }

    /** @return the signal's name, {@code SIGTERM} say; only once {@link #requested()} */
    String name() {
        return "SIG" + received.get().getName();
    }

    /** @return 128 + the signal's number */
    int exitCode() {
        return 128 + received.get().getNumber();
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException ignored) {
                // as it was
            }
        }
    }
}
