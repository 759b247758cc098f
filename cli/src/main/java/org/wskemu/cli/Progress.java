package org.wskemu.cli;

import java.io.PrintWriter;

/**
 * A progress bar on stderr while a long run goes on, only when stderr is a terminal (the launcher
 * tells with {@code -Dwskemu.stderr.tty=true}); silent otherwise. When stdout shares the terminal
 * ({@code -Dwskemu.stdout.tty=true}), the bar is wiped before each output line and drawn again.
 */
final class Progress {

    private static final int MIN_CALLS = 2_000;

    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private final boolean sharesTerminal = Boolean.getBoolean("wskemu.stdout.tty");
    private int done;
    private int shownPercent = -1;

    private Progress(PrintWriter err, int total, boolean enabled) {
        this.err = err;
        this.total = total;
        this.enabled = enabled;
    }

    static Progress onStderr(PrintWriter err, int total) {
        return new Progress(err, total, Boolean.getBoolean("wskemu.stderr.tty") && total >= MIN_CALLS);
    }

    void advance() {
        done++;
        if (!enabled) {
            return;
        }
        int percent = (int) (100L * done / total);
        if (percent != shownPercent) {
            shownPercent = percent;
            int filled = percent / 5;
            err.print("\r[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + done + "/" + total + " calls");
            err.flush();
        }
    }

    /** Wipes the bar before a line of output goes to a shared terminal. */
    void clear() {
        if (enabled && sharesTerminal && shownPercent >= 0) {
            err.print("\r" + " ".repeat(60) + "\r");
            err.flush();
            shownPercent = -1;
        }
    }

    void done() {
        if (enabled && shownPercent >= 0) {
            err.print("\r" + " ".repeat(60) + "\r");
            err.flush();
        }
    }
}
