package org.wskemu.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.timeline.Timeline;
import org.wskemu.persistence.JdbcStorage;
import org.wskemu.persistence.StoreException;
import org.wskemu.persistence.StoreLocation;
import org.wskemu.persistence.StoreReader;
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
        return open(global, location(global), true);
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
        return openExistingWithStorage(global, command).kernel();
    }

    /**
     * Opens the store for a query ({@code state}, {@code explain}, {@code audit}, {@code history},
     * {@code report}, {@code verify}) as {@link #openExisting(GlobalOptions, CommandSpec)} does (the same
     * refusals), but read-only and without building the engine: the read models, the log and the
     * timeline are read straight from the store ({@link StoreReader}), and nothing is written, created
     * or migrated (the store's files are the same bytes afterwards).
     *
     * @param command the command's spec, to see whether {@code --profile} was given
     * @throws UserError exit 2 for {@code --profile}, exit 3 for a missing, unusable or damaged store
     */
    static Query query(GlobalOptions global, CommandSpec command) {
        StoreLocation location = existingStoreOfRecordedDecisions(global, command);
        JdbcStorage storage;
        try {
            storage = JdbcStorage.openReadOnly(location);
        } catch (StoreException e) {
            throw new UserError(ExitCode.STORE, e.getMessage(), e);
        }
        return new Query(global, storage);
    }

    /**
     * What a query reads: the read models (which hold the committed log), the log, the timeline. Built
     * lazily, in the order the command asks.
     */
    static final class Query implements Recording, AutoCloseable {
        private final GlobalOptions global;
        private final JdbcStorage storage;
        private final StoreReader reader;
        private ReadModelView readModels;
        private Timeline timeline;

        private Query(GlobalOptions global, JdbcStorage storage) {
            this.global = global;
            this.storage = storage;
            this.reader = storage.reader();
        }

        @Override
        public String source() {
            return "store " + describe(global);
        }

        /** {@return the read models, holding every committed call} */
        @Override
        public ReadModelView readModels() {
            if (readModels == null) {
                try {
                    readModels = reader.readModels();
                } catch (StoreException e) {
                    throw new UserError(ExitCode.STORE, e.getMessage(), e);
                }
            }
            return readModels;
        }

        /** {@return the storage under the query (for the digest chain, which is the store's)} */
        JdbcStorage storage() {
            return storage;
        }

        /** {@return the recorded events} */
        @Override
        public EventLog log() {
            return reader.log();
        }

        /** {@return the state as of any position} */
        @Override
        public Timeline timeline() {
            if (timeline == null) {
                timeline = reader.timeline(readModels());
            }
            return timeline;
        }

        @Override
        public void close() {
            storage.close();
        }
    }

    /** An opened machine and the storage under it (for the digest chain, which is the store's). */
    record Opened(WskEmulator kernel, JdbcStorage storage) implements AutoCloseable {
        @Override
        public void close() {
            kernel.close();
        }
    }

    /** The store a command that reads recorded decisions names: refused with {@code --profile}, or when missing. */
    private static StoreLocation existingStoreOfRecordedDecisions(GlobalOptions global, CommandSpec command) {
        if (profileGiven(command)) {
            throw new UserError(ExitCode.BAD_INPUT, "--profile does not apply to '" + command.name()
                    + "': it reads recorded decisions, each made under its own profile");
        }
        StoreLocation location = location(global);
        refuseMissing(location);
        return location;
    }

    /**
     * As {@link #openExisting(GlobalOptions, CommandSpec)}, keeping the storage in hand.
     *
     * @throws UserError exit 2 for {@code --profile}, exit 3 for a missing, unusable or damaged store
     */
    static Opened openExistingWithStorage(GlobalOptions global, CommandSpec command) {
        StoreLocation location = existingStoreOfRecordedDecisions(global, command);
        return openWithStorage(global, location, false);
    }

    /** A store directory that does not exist (or holds no database) is refused: only {@code run} creates one. */
    private static void refuseMissing(StoreLocation location) {
        if (location instanceof StoreLocation.Directory directory) {
            boolean missing = !Files.exists(directory.path(), LinkOption.NOFOLLOW_LINKS);
            boolean empty = !missing && Files.isDirectory(directory.path()) && !Files.exists(directory.databaseFile());
            // a path that is something else (a file) is left to the store's own refusal, which names it
            if (missing || empty) {
                throw new UserError(ExitCode.STORE, "store " + directory.path() + " does not exist"
                        + (empty ? " (the directory holds no wskemu.mv.db)" : "") + "; only 'wskemu run' creates a store");
            }
        }
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

    private static WskEmulator open(GlobalOptions global, StoreLocation location, boolean create) {
        return openWithStorage(global, location, create).kernel();
    }

    private static Opened openWithStorage(GlobalOptions global, StoreLocation location, boolean create) {
        JdbcStorage storage;
        try {
            storage = create ? JdbcStorage.open(location) : JdbcStorage.openExisting(location);
        } catch (StoreException e) {
            throw new UserError(ExitCode.STORE, e.getMessage(), e);
        }
        try {
            return new Opened(WskEmulator.builder().profile(global.profile).storage(storage).build(), storage);
        } catch (RuntimeException e) {
            storage.close();
            throw new UserError(ExitCode.STORE, "store " + location + " cannot be used: " + e.getMessage(), e);
        }
    }
}
