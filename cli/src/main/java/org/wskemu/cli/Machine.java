package org.wskemu.cli;

import org.wskemu.engine.WskEmulator;
import org.wskemu.persistence.H2Storage;
import org.wskemu.persistence.StoreException;
import org.wskemu.persistence.StoreLocation;

/**
 * Opens the emulated machine a command works on: the H2 store named by {@code --store} (a directory,
 * created on first use, or {@code mem}), under {@code --profile}.
 */
final class Machine {

    private Machine() {
    }

    /** The store as messages name it. */
    static String describe(GlobalOptions global) {
        return global.store;
    }

    /**
     * @throws UserError with exit code 3 when the store cannot be opened or is damaged
     */
    static WskEmulator open(GlobalOptions global) {
        StoreLocation location;
        try {
            location = StoreLocation.parse(global.store);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, "--store: " + e.getMessage());
        }
        H2Storage storage;
        try {
            storage = H2Storage.open(location);
        } catch (StoreException e) {
            throw new UserError(ExitCode.STORE, e.getMessage(), e);
        }
        try {
            return WskEmulator.builder().profile(global.profile).storage(storage).build();
        } catch (RuntimeException e) {
            storage.close();
            throw new UserError(ExitCode.STORE, "store " + global.store + " cannot be used: " + e.getMessage(), e);
        }
    }
}
