package org.wskemu.bench;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.WskEmulator;
import org.wskemu.persistence.H2Storage;
import org.wskemu.persistence.H2Store;
import org.wskemu.persistence.StoreLocation;

/**
 * A fresh store of the bench (an H2 file store in the scratch directory, or an in-memory one) with an
 * engine on it. Socket handles are counted from 1, so two replays of one session write the same events.
 */
final class BenchStore implements AutoCloseable {

    private final Path directory;
    private final H2Storage storage;
    private final WskEmulator kernel;

    private BenchStore(Path directory, H2Storage storage, WskEmulator kernel) {
        this.directory = directory;
        this.storage = storage;
        this.kernel = kernel;
    }

    /** A new, empty store: in {@code scratch} under {@code name}, or in memory. */
    static BenchStore fresh(Scratch scratch, boolean memory, String name, ProfileId profile) {
        Path directory = memory ? null : scratch.fresh(name);
        return open(directory, profile);
    }

    /** Opens (creating if missing) the store in {@code directory}, or a new memory store when it is null. */
    static BenchStore open(Path directory, ProfileId profile) {
        H2Storage storage = H2Storage.open(directory == null ? StoreLocation.memory() : StoreLocation.directory(directory));
        AtomicLong ids = new AtomicLong();
        try {
            WskEmulator kernel = WskEmulator.builder().profile(profile).storage(storage)
                    .socketIds(ids::incrementAndGet).build();
            return new BenchStore(directory, storage, kernel);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    WskEmulator kernel() {
        return kernel;
    }

    /** The store's pooled data source, for the plain JDBC figures beside the engine's. */
    DataSource dataSource() {
        return storage.store().dataSource();
    }

    /** The H2 store under the engine (for the digest chain check). */
    H2Store h2() {
        return storage.store();
    }

    /** The storage under the engine (its digest chain, for the tests). */
    H2Storage storage() {
        return storage;
    }

    /** The store's directory, or null in memory. */
    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        kernel.close();
    }

    /** Closes, then deletes a file store's directory. */
    void discard() {
        close();
        Scratch.delete(directory);
    }
}
