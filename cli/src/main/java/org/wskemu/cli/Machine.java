package org.wskemu.cli;

import org.wskemu.engine.WskEmulator;
import org.wskemu.persistence.JdbcStorage;
import org.wskemu.persistence.StoreException;
import org.wskemu.persistence.StoreLocation;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Opens the emulated machine a command works on: the store named by {@code --store} (an H2
 * directory, created on first use, {@code mem}, or a PostgreSQL database), under {@code --profile}.
 */
final class Machine {

    private Machine() {
    }

    /**
     * The store as messages name it: a PostgreSQL store without its credentials or parameters, as
     * given otherwise.
     */
    static String describe(GlobalOptions global) {
        try {
            return StoreLocation.parse(global.store) instanceof StoreLocation.Postgres postgres ? postgres.toString() : global.store;
        } catch (IllegalArgumentException e) {
            return "(the --store given)";
        }
    }

    /**
     * Opens the store for {@code run}, creating it if it does not exist.
     *
     * @throws UserError with exit code 3 when the store cannot be opened or is damaged
     */
    static WskEmulator open(GlobalOptions global) {
        return open(global, true);
    }

    /**
     * Opens the store for a command that only reads it: a PostgreSQL database without wskemu's
     * tables is refused (one line naming it, exit 3) and nothing is created in it.
     *
     * @param command the command (the same signature as the H2 refusal of a missing directory)
     * @throws UserError exit 3 for a missing, unusable or damaged store
     */
    static WskEmulator openExisting(GlobalOptions global, CommandSpec command) {
        return open(global, false);
    }

    private static WskEmulator open(GlobalOptions global, boolean create) {
        StoreLocation location;
        try {
            location = StoreLocation.parse(global.store);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, "--store: " + e.getMessage());
        }
        JdbcStorage storage;
        try {
            storage = create ? JdbcStorage.open(location) : JdbcStorage.openExisting(location);
        } catch (StoreException e) {
            throw new UserError(ExitCode.STORE, e.getMessage(), e);
        }
        try {
            return WskEmulator.builder().profile(global.profile).storage(storage).build();
        } catch (RuntimeException e) {
            storage.close();
            throw new UserError(ExitCode.STORE, "store " + location + " cannot be used: " + e.getMessage(), e);
        }
    }
}
