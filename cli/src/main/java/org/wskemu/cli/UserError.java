package org.wskemu.cli;

/** A failure the user can act on: a one-line message and the exit code the contract gives it. */
final class UserError extends RuntimeException {

    private final int exitCode;

    UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    UserError(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
