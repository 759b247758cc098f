package org.wskemu.cli;

/** The exit statuses of the contract (SESSION-FORMAT.md). */
final class ExitCode {

    /** Done, and every expectation met. */
    static final int OK = 0;
    /** Done, with divergences (or verify found a mismatch). */
    static final int DIVERGED = 1;
    /** Bad input or usage; nothing written. */
    static final int BAD_INPUT = 2;
    /** The store cannot be opened or is damaged. */
    static final int STORE = 3;

    private ExitCode() {
    }
}
