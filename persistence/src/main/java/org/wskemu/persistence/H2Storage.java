package org.wskemu.persistence;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.wskemu.engine.Storage;
import org.wskemu.engine.spi.EngineStorage;
import org.wskemu.engine.spi.InlineProjection;
import org.wskemu.engine.spi.StorageSpi;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.timeline.CheckpointStore;

/**
 * The durable store of an engine on H2 (file or memory, one code path): a {@link JdbcStorage} on an
 * {@link H2Store}. {@link JdbcStorage#open(StoreLocation)} opens either kind of store.
 */
public final class H2Storage implements Storage {

    static {
        StorageSpi.register(H2Storage.class, storage -> StorageSpi.of(storage.storage));
    }

    /** Events per query when Axon reads the event table (rebuilding, loading aggregates). */
    static final int READ_BATCH = JdbcStorage.READ_BATCH;

    private final H2Store store;
    private final JdbcStorage storage;

    private H2Storage(H2Store store) {
        this.store = store;
        this.storage = new JdbcStorage(store);
    }

    /**
     * Opens (creating if needed) the H2 store at {@code location}.
     *
     * @param location a directory, or memory
     * @return the storage, to hand to {@code WskEmulator.builder().storage(...)}
     * @throws StoreException with a one-line message when it is in use, damaged, newer or unwritable
     * @throws IllegalArgumentException for a PostgreSQL location (open it with {@link JdbcStorage#open(StoreLocation)})
     */
    public static H2Storage open(StoreLocation location) {
        if (location instanceof StoreLocation.Postgres) {
            throw new IllegalArgumentException("H2Storage opens H2 stores only; use JdbcStorage for " + location);
        }
        return new H2Storage(H2Store.open(location));
    }

    /** {@return the H2 store underneath (its data source, its location)} */
    public H2Store store() {
        return store;
    }

    /** The storage underneath (tests set its fold's batch). */
    JdbcStorage jdbc() {
        return storage;
    }

    /** As {@link EngineStorage#configure}. */
    void configure(Configurer configurer) {
        storage.configure(configurer);
    }

    /** As {@link EngineStorage#eventLog}. */
    EventLog eventLog(Configuration configuration) {
        return storage.eventLog(configuration);
    }

    /** As {@link EngineStorage#readModels}. */
    LiveReadModels readModels(Configuration configuration, EventLog log) {
        return storage.readModels(configuration, log);
    }

    /** As {@link EngineStorage#inlineProjection}. */
    InlineProjection inlineProjection() {
        return storage.inlineProjection();
    }

    /** As {@link EngineStorage#checkpoints}. */
    CheckpointStore checkpoints(Configuration configuration) {
        return storage.checkpoints(configuration);
    }

    @Override
    public String describe() {
        return storage.describe();
    }

    @Override
    public void close() {
        storage.close();
    }
}
