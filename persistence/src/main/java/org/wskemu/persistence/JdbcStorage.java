package org.wskemu.persistence;

import java.util.Objects;
import java.util.SortedSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.wskemu.engine.EngineJackson;
import org.wskemu.engine.Storage;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.spi.EngineStorage;
import org.wskemu.engine.spi.InlineProjection;
import org.wskemu.engine.spi.RunMarks;
import org.wskemu.engine.spi.StorageSpi;
import org.wskemu.engine.timeline.CheckpointStore;
import org.wskemu.engine.timeline.Timeline;

/**
 * The durable store of an engine on either kind of {@link JdbcStore}: Axon's JDBC event store, the
 * read models in tables that each batch folds in its own transaction ({@link BatchFold}), timeline
 * checkpoints in a table. The embedded H2 store and the shared PostgreSQL store differ only below
 * {@link JdbcStore}; the fold, checkpoints, timeline and verify above it are one code path.
 *
 * <p>Opened for writing ({@link #open}, {@link #openExisting}), a store whose read models an older
 * wskemu left behind its log has them folded again once, when the engine is built on it. Opened
 * read-only ({@link #openReadOnly}), nothing is written, migrated or folded: see {@link StoreReader}.
 *
 * <p>Timeline checkpoints are written only by a rebuild (on either store) and, on H2, when a writing
 * engine closes (the end of a run): then no batch of this process is in flight (the storage's lock)
 * and no other process can write (H2's file lock), so a checkpoint never describes a position below
 * which an event can still commit. On PostgreSQL a run writes none; a seek folds from the nearest
 * checkpoint a rebuild wrote, or from the start.
 */
public final class JdbcStorage implements Storage {

    static {
        StorageSpi.register(JdbcStorage.class, storage -> storage.engine);
    }

    /** Events per query when Axon reads the event table (rebuilding, loading aggregates). */
    static final int READ_BATCH = 1_000;

    private final JdbcStore store;
    private final ReadModelTables tables;
    private final JdbcCheckpoints checkpoints;
    /** Events per transaction of {@link LogFold} (smaller in tests, to cross batches). */
    int foldBatch = LogFold.BATCH;
    /**
     * Held for reading by every batch from its start to its end, for writing by a rebuild and by the
     * writing of checkpoints: neither runs while a batch of this process is in flight.
     */
    private final ReadWriteLock folders = new ReentrantReadWriteLock();
    /** The fold of each batch, once an engine is configured on this storage; null before. */
    private BatchFold batchFold;
    /** Axon's storage on the store, once configured. */
    private AxonJdbcStorage axon;
    /** What this storage does for the engine, reached through {@link StorageSpi} only. */
    private final EngineStorage engine = new Engine();

    JdbcStorage(JdbcStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.tables = new ReadModelTables(store.connectionProvider(), store.location());
        this.checkpoints = new JdbcCheckpoints(tables, () -> EngineJackson.mapper(), store instanceof PostgresStore);
        this.seekCheckpoints = new ReadOnlyCheckpoints(checkpoints);
    }

    /**
     * Opens the store at {@code location}, creating it if needed (what {@code run} does).
     *
     * @param location an H2 directory, memory, or a PostgreSQL database
     * @return the storage, to hand to {@code WskEmulator.builder().storage(...)}; closing the engine closes it
     * @throws StoreException with a one-line message when it is in use, damaged, newer, unwritable or unreachable
     */
    public static JdbcStorage open(StoreLocation location) {
        return new JdbcStorage(openStore(location, true));
    }

    /**
     * Opens a store that must exist already, for writing (what {@code rebuild} does): a PostgreSQL
     * database without wskemu's tables is refused ({@link StoreException.Reason#MISSING}) and left
     * untouched. An H2 location opens as {@link #open(StoreLocation)} does (the command decides
     * beforehand whether its directory holds a store).
     *
     * @param location an H2 directory, memory, or a PostgreSQL database holding a store
     * @return the storage; closing the engine closes it
     * @throws StoreException with a one-line message when the store is missing, in use, damaged, newer or unreachable
     */
    public static JdbcStorage openExisting(StoreLocation location) {
        return new JdbcStorage(openStore(location, false));
    }

    /**
     * Opens a store that must exist already, read-only (what every query does): nothing is created,
     * migrated or written, so the store's files are the same bytes afterwards, and it opens on a
     * read-only medium or a full disk. A store of an older schema is read as it is; one that only a
     * writer can make readable is refused by {@link StoreReader#readModels()}. Build no engine on it.
     *
     * @param location an H2 directory, memory, or a PostgreSQL database holding a store
     * @return the storage, for its {@link #reader()}; closing it closes the store
     * @throws StoreException with a one-line message when the store is missing, in use, damaged, newer or unreachable
     */
    public static JdbcStorage openReadOnly(StoreLocation location) {
        return new JdbcStorage(location instanceof StoreLocation.Postgres postgres
                ? PostgresStore.openReadOnly(postgres) : H2Store.openReadOnly(location));
    }

    /** Opens the database at {@code location}; a PostgreSQL database without a store is created only when {@code create}. */
    static JdbcStore openStore(StoreLocation location, boolean create) {
        return location instanceof StoreLocation.Postgres postgres ? PostgresStore.open(postgres, create) : H2Store.open(location);
    }

    /** The read-model tables (tests read their row count). */
    ReadModelTables tables() {
        return tables;
    }

    /** @return the open database; never null */
    public JdbcStore store() {
        return store;
    }

    /**
     * What a query reads, on this storage's database, without building the engine (issue #15): see
     * {@link StoreReader}. Closing this storage closes it.
     *
     * @return a reader of the read models, the log and the timeline; never null
     */
    public StoreReader reader() {
        return new StoreReader(store, tables);
    }

    /**
     * Checks every event's digest (the chain of {@link EventChain}) and folds the head digest.
     *
     * @param positions the positions whose head digest is wanted (each run's last); never null
     * @return what the check found; never null
     */
    public EventChain.Report checkChain(SortedSet<Long> positions) {
        return EventChain.check(store, positions);
    }

    /** As {@link EngineStorage#configure}: Axon's JDBC storage. */
    void configure(Configurer configurer) {
        if (store.readOnly()) {
            throw new IllegalStateException("store " + store.location() + " is open read-only: no engine is built on it");
        }
        axon = AxonJdbcStorage.builder(store).objectMapper(EngineJackson.mapper()).batchSize(READ_BATCH).build();
        axon.configure(configurer);
    }

    /** As {@link EngineStorage#eventLog}. */
    EventLog eventLog(Configuration configuration) {
        return new JdbcEventLog(store.connectionProvider(), EngineJackson.mapper(), store.location(), store.appended);
    }

    /** The fold of the whole log, on this store's transactions; on PostgreSQL, on transactions of its own (no age limit). */
    LogFold logFold() {
        if (store instanceof PostgresStore) {
            JdbcTransactionManager own = new JdbcTransactionManager(store.dataSource());
            ReadModelTables ownTables = new ReadModelTables(own.connectionProvider(), store.location());
            return new LogFold(ownTables, new JdbcCheckpoints(ownTables, () -> EngineJackson.mapper(), true),
                    new JdbcEventLog(own.connectionProvider(), EngineJackson.mapper(), store.location()), own,
                    Timeline.DEFAULT_CHECKPOINT_INTERVAL, foldBatch, true);
        }
        return storeTransactionsFold();
    }

    /**
     * The fold on this store's own transaction manager: the whole-log fold of an H2 store, and the row
     * writer of each batch's fold on either store, so a batch's rows are
     * written on its transaction's connection and commit or roll back with its events, on PostgreSQL too
     * (the whole-log fold of {@link #logFold()} has transactions of its own there, which a batch must never
     * write through: its rows would commit on their own, and a batch that then failed, a writer killed or
     * the server crashing before the commit, would leave rows of events the log never got).
     */
    private LogFold storeTransactionsFold() {
        return new LogFold(tables, checkpoints, new JdbcEventLog(store.connectionProvider(), EngineJackson.mapper(),
                store.location()), store.transactionManager(), Timeline.DEFAULT_CHECKPOINT_INTERVAL, foldBatch,
                store instanceof PostgresStore);
    }

    /**
     * As {@link EngineStorage#readModels}: the tables, which each batch keeps. A store whose read models
     * an older wskemu left behind its log ({@code folded_inline} false) has them folded again here, once.
     */
    LiveReadModels readModels(Configuration configuration, EventLog log) {
        batchFold = new BatchFold(tables, storeTransactionsFold(), store.transactionManager(), folders);
        if (!tables.foldedInline().orElse(false)) {
            rebuildTables();
        }
        return new LiveReadModels() {
            @Override
            public ReadModelView current() {
                return tables;
            }

            @Override
            public ReadModelView rebuild() {
                rebuildTables();
                return tables;
            }
        };
    }

    /** Folds the whole log into emptied tables, with no batch of this process in flight. */
    private void rebuildTables() {
        folders.writeLock().lock();
        try {
            logFold().rebuild();
        } finally {
            folders.writeLock().unlock();
        }
    }

    /** As {@link EngineStorage#inlineProjection}: each batch's fold. */
    InlineProjection inlineProjection() {
        return batchFold;
    }

    /**
     * As {@link EngineStorage#checkpoints}: the timeline reads the checkpoints in the table, and keeps
     * those its seeks make in memory (only a rebuild and, on H2, the end of a run write them).
     */
    CheckpointStore checkpoints(Configuration configuration) {
        return seekCheckpoints;
    }

    /** The one overlay every timeline of the engine on this storage reads and adds its seeks' checkpoints to. */
    private final CheckpointStore seekCheckpoints;

    /**
     * On H2, the checkpoints from the latest one to the log's head, with no batch of this process in
     * flight (the end of a run): what a writing engine does when it closes. Nothing on PostgreSQL.
     */
    void writeCheckpoints() {
        if (!(store instanceof H2Store) || batchFold == null || H2Store.writeHasFailed(store.location())) {
            return; // a store whose file refused a write is not written again (H2Store.writeFailed)
        }
        folders.writeLock().lock();
        try {
            LogFold fold = logFold();
            fold.extendCheckpoints(tables.query("SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry",
                    rs -> rs.getLong(1)).get(0));
        } finally {
            folders.writeLock().unlock();
        }
    }

    @Override
    public String describe() {
        return store.location().toString();
    }

    /**
     * Runs {@code read} so that everything it reads on this thread comes from one consistent state of
     * the store: on PostgreSQL, one read-only REPEATABLE READ transaction (the log then reads every
     * event committed when it began, not only those below the horizon, and the read models of the same
     * moment); on H2, where no writer can run beside a query, as it is.
     *
     * @param read what to read
     * @param <T>  what it gives
     * @return what {@code read} gave
     */
    public <T> T inOneSnapshot(Supplier<T> read) {
        if (!(store instanceof PostgresStore)) {
            return read.get();
        }
        org.axonframework.common.transaction.Transaction snapshot = store.transactionManager().startSnapshot();
        try {
            return read.get();
        } finally {
            snapshot.rollback();
        }
    }

    /** Closes the store; a writing engine's storage on H2 first writes the run's checkpoints ({@link #writeCheckpoints()}). */
    @Override
    public void close() {
        try {
            writeCheckpoints();
        } catch (RuntimeException e) {
            // the run's batches are committed; its checkpoints only speed seeks up, and a rebuild writes them
        } finally {
            store.close();
        }
    }

    /** The engine side of this storage (Axon's terms): what {@link StorageSpi#of} gives the engine. */
    private final class Engine implements EngineStorage {

        @Override
        public void configure(Configurer configurer) {
            JdbcStorage.this.configure(configurer);
        }

        @Override
        public EventLog eventLog(Configuration configuration) {
            return JdbcStorage.this.eventLog(configuration);
        }

        @Override
        public LiveReadModels readModels(Configuration configuration, EventLog log) {
            return JdbcStorage.this.readModels(configuration, log);
        }

        @Override
        public CheckpointStore checkpoints(Configuration configuration) {
            return JdbcStorage.this.checkpoints(configuration);
        }

        @Override
        public InlineProjection inlineProjection(Configuration configuration) {
            return JdbcStorage.this.inlineProjection();
        }

        @Override
        public void runEnded() {
            try {
                writeCheckpoints();
            } catch (RuntimeException e) {
                // the run's batches are committed; its checkpoints only speed seeks up, and close or a rebuild writes them
            }
        }

        @Override
        public RunMarks runMarks(Configuration configuration) {
            return new JdbcRunMarks(store.transactionManager());
        }

        @Override
        public String describe() {
            return JdbcStorage.this.describe();
        }

        @Override
        public void close() {
            JdbcStorage.this.close();
        }
    }
}
