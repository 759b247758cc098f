package org.wskemu.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import org.wskemu.engine.WskEmulator;
import org.wskemu.persistence.H2Storage;
import org.wskemu.persistence.StoreException;
import org.wskemu.persistence.StoreLocation;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Opens the emulated machine a command works on: the H2 store named by {@code --store} (a directory,
 * created by {@code run} on first use, or {@code mem}), under {@code --profile}.
 */
final class Machine {

    private Machine() {
    }

    /** The store as messages name it. */
    static String describe(GlobalOptions global) {
        return global.store;
    }

    /**
     * Opens the store for {@code run}, creating it if it does not exist.
     *
     * @throws UserError with exit code 3 when the store cannot be opened or is damaged
     */
    static WskEmulator open(GlobalOptions global) {
        return open(global, location(global));
    }

    /**
     * Opens the store for a command that only reads it (SESSION-FORMAT.md: {@code state},
     * {@code history}, {@code explain}, {@code audit}, {@code verify}, {@code report}; and
     * {@code rebuild}, which writes nothing but what the log already says): a store that does not
     * exist is refused, one line naming the path, exit 3, and nothing is created, not even a parent
     * directory. {@code --profile} is refused too (exit 2): every recorded decision keeps the
     * profile that made it, so a profile given to a reading command could only be silently ignored.
     *
     * <p>[emulator choice] {@code --store mem} is accepted: it names no path, so nothing can be
     * mistyped, and the empty machine it opens is what it says.
     *
     * @param command the command's spec, to see whether {@code --profile} was given to it or to wskemu
     * @throws UserError exit 2 for {@code --profile}, exit 3 for a missing, unusable or damaged store
     */
    static WskEmulator openExisting(GlobalOptions global, CommandSpec command) {
        if (profileGiven(command)) {
            throw new UserError(ExitCode.BAD_INPUT, "--profile does not apply to '" + command.name()
                    + "': it reads recorded decisions, each made under its own profile");
        }
        StoreLocation location = location(global);
        if (location instanceof StoreLocation.Directory directory) {
            boolean missing = !Files.exists(directory.path(), LinkOption.NOFOLLOW_LINKS);
            boolean empty = !missing && Files.isDirectory(directory.path()) && !Files.exists(directory.databaseFile());
            // a path that is something else (a file) is left to the store's own refusal, which names it
            if (missing || empty) {
                throw new UserError(ExitCode.STORE, "store " + directory.path() + " does not exist"
                        + (empty ? " (the directory holds no wskemu.mv.db)" : "") + "; only 'wskemu run' creates a store");
            }
        }
        return open(global, location);
    }

    private static boolean profileGiven(CommandSpec command) {
        for (CommandSpec spec = command; spec != null; spec = spec.parent()) {
            if (spec.commandLine().getParseResult() != null
                    && spec.commandLine().getParseResult().hasMatchedOption("--profile")) {
                return true;
            }
        }
        return false;
    }

    private static StoreLocation location(GlobalOptions global) {
        try {
            return StoreLocation.parse(global.store);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, "--store: " + e.getMessage());
        }
    }

    private static WskEmulator open(GlobalOptions global, StoreLocation location) {
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
