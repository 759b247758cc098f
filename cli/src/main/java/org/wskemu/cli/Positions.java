package org.wskemu.cli;

/** Checks of the position options ({@code --from}, {@code --to}, {@code --at}) shared by the listing commands. */
final class Positions {

    private Positions() {
    }

    /**
     * @throws UserError (exit 2) when a bound is negative or {@code from} is after {@code to}
     */
    static void checkRange(Long from, Long to) {
        if (from != null && from < 0 || to != null && to < 0) {
            throw new UserError(ExitCode.BAD_INPUT, "positions are 0 or more");
        }
        if (from != null && to != null && from > to) {
            throw new UserError(ExitCode.BAD_INPUT, "--from " + from + " is after --to " + to);
        }
    }

    /**
     * @throws UserError (exit 2) when a port filter is outside 0-65535
     */
    static void checkPort(Integer port) {
        if (port != null && (port < 0 || port > 65535)) {
            throw new UserError(ExitCode.BAD_INPUT, "--port must be 0-65535, was " + port);
        }
    }
}
