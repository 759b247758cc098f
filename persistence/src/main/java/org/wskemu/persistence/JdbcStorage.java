package org.wskemu.persistence;

import java.time.Duration;
import java.util.Objects;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.wskemu.engine.EngineJackson;
import org.wskemu.engine.Storage;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.spi.EngineStorage;
import org.wskemu.engine.spi.InlineProjection;
import org.wskemu.engine.spi.RunMarks;
import org.wskemu.engine.spi.StorageSpi;
import org.wskemu.engine.timeline.CheckpointStore;
import org.wskemu.engine.timeline.Timeline;

/**
 * The durable store of an engine on either kind of {@link JdbcStore}: Axon's JDBC event store, the
 * read models in tables kept by a tracking event processor, timeline checkpoints in a table. The
 * embedded H2 store and the shared PostgreSQL store differ only below {@link JdbcStore}; the
 * reducer, checkpoints, timeline and verify above it are one code path.
 *
 * <p>On PostgreSQL, several processes may share the store: each runs the read-model processor, one
 * at a time holds its claim and folds the log, and the others' queries wait until the folded
 * position covers what they must read ({@link TrackedReadModels}).
 */
public final class JdbcStorage implements Storage {

    static {
        StorageSpi.register(JdbcStorage.class, storage -> storage.engine);
    }

    /** Events per query when Axon reads the event table (catching up, rebuilding, loading aggregates). */
    static final int READ_BATCH = 1_000;

    /** Events per transaction of the read-model processor. */
    static final int PROJECTION_BATCH = 1_000;
    /** How long the read-model processor's worker waits for new events before it looks again. */
    static final long EVENT_AVAILABILITY_TIMEOUT_MILLIS = 50;
    /** How often a process without the processor's claim tries to take it (Axon's default is 5 s). */
    static final long TOKEN_CLAIM_INTERVAL_MILLIS = 1_000;

    private final JdbcStore store;
    private final ReadModelTables tables;
    private final JdbcCheckpoints checkpoints;
    private final Duration stall;
    /** The read-model processor's last failure, if any. */
    private final AtomicReference<Exception> projectionFailure = new AtomicReference<>();
    /** Events per transaction of {@link LogFold} (smaller in tests, to cross batches). */
    int foldBatch = LogFold.BATCH;
    /**
     * The system property that, set to {@code false}, turns the read models' projection inside each
     * batch's transaction off (the bench's "before"); read when the storage is made.
     */
    static final String INLINE_PROPERTY = "wskemu.inlineProjection";
    /** Whether each batch folds the read models in its own transaction, on an H2 store ({@link InlineFold}). */
    boolean inlineProjection = !"false".equals(System.getProperty(INLINE_PROPERTY));
    /** The projection inside each batch's transaction, once configured; null for none. */
    private InlineFold inline;
    /** Axon's storage on the store, once configured. */
    private AxonJdbcStorage axon;
    /** What this storage does for the engine, reached through {@link StorageSpi} only. */
    private final EngineStorage engine = new Engine();

    JdbcStorage(JdbcStore store, Duration stall) {
        this.store = Objects.requireNonNull(store, "store");
        this.stall = stall;
        this.tables = new ReadModelTables(store.connectionProvider(), store.location());
        this.checkpoints = new JdbcCheckpoints(tables, () -> EngineJackson.mapper(), store instanceof PostgresStore);
    }

    /**
     * Opens the store at {@code location}, creating it if needed (what {@code run} does).
     *
     * @param location an H2 directory, memory, or a PostgreSQL database
     * @return the storage, to hand to {@code WskEmulator.builder().storage(...)}; closing the engine closes it
     * @throws StoreException with a one-line message when it is in use, damaged, newer, unwritable or unreachable
     */
    public static JdbcStorage open(StoreLocation location) {
        return new JdbcStorage(openStore(location, true), TrackedReadModels.STALL);
    }

    /**
     * Opens a store that must exist already (what a command that only reads does): a PostgreSQL
     * database without wskemu's tables is refused ({@link StoreException.Reason#MISSING}) and left
     * untouched. An H2 location opens as {@link #open(StoreLocation)} does (the command decides
     * beforehand whether its directory holds a store).
     *
     * @param location an H2 directory, memory, or a PostgreSQL database holding a store
     * @return the storage; closing the engine closes it
     * @throws StoreException with a one-line message when the store is missing, in use, damaged, newer or unreachable
     */
    public static JdbcStorage openExisting(StoreLocation location) {
        return new JdbcStorage(openStore(location, false), TrackedReadModels.STALL);
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
        return new StoreReader(store, tables, foldBatch);
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

    /** As {@link EngineStorage#configure}: Axon's JDBC storage, the read-model processor. */
    void configure(Configurer configurer) {
        axon = AxonJdbcStorage.builder(store).objectMapper(EngineJackson.mapper()).batchSize(READ_BATCH).build();
        axon.configure(configurer);
        ReadModelProjection projection = new ReadModelProjection(tables, checkpoints,
                Timeline.DEFAULT_CHECKPOINT_INTERVAL);
        configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(ReadModelProjection.PROCESSOR, Configuration::eventStore,
                        // started on first use of the read models, so a rebuild can reset it before it runs
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(PROJECTION_BATCH)
                                // Shutting down waits for the worker's wait for new events (Axon's default 1 s),
                                // so every command that read the read models took a second longer to close.
                                .andEventAvailabilityTimeout(EVENT_AVAILABILITY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                                .andTokenClaimInterval(TOKEN_CLAIM_INTERVAL_MILLIS, TimeUnit.MILLISECONDS)
                                .andAutoStart(false))
                .registerEventHandler(c -> projection)
                // A row that cannot be written must not be dropped (Axon's default logs and skips the
                // event): the batch rolls back, the processor retries it, and queries report the error.
                // The failure is kept, so the query that waits on the processor says why it failed.
                .registerListenerInvocationErrorHandler(ReadModelProjection.PROCESSOR, c -> (failure, event, handler) -> {
                    projectionFailure.set(failure);
                    PropagatingErrorHandler.instance().onError(failure, event, handler);
                }));
    }

    /** As {@link EngineStorage#eventLog}. */
    EventLog eventLog(Configuration configuration) {
        return new JdbcEventLog(store.connectionProvider(), EngineJackson.mapper(), store.location());
    }

    /** As {@link EngineStorage#readModels}. */
    LiveReadModels readModels(Configuration configuration, EventLog log) {
        LogFold fold = axon == null ? null : new LogFold(tables, checkpoints,
                new JdbcEventLog(store.connectionProvider(), EngineJackson.mapper(), store.location()),
                store.transactionManager(), axon.tokenSerializer(), Timeline.DEFAULT_CHECKPOINT_INTERVAL, foldBatch);
        // On PostgreSQL the processor is kept (DESIGN.md, "Read models kept during the run")
        inline = fold != null && inlineProjection && store instanceof H2Store
                ? new InlineFold(tables, checkpoints, fold, store.transactionManager(), axon.tokenSerializer()) : null;
        return new TrackedReadModels(tables, store.transactionManager(), projectionFailure, stall, () -> configuration.eventProcessingConfiguration()
                .eventProcessor(ReadModelProjection.PROCESSOR, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the read-model processor is not configured")), log,
                store instanceof PostgresStore, fold, inline);
    }

    /** As {@link EngineStorage#inlineProjection}: the one made with the read models, or null. */
    InlineFold inlineProjection() {
        return inline;
    }

    /** As {@link EngineStorage#checkpoints}. */
    CheckpointStore checkpoints(Configuration configuration) {
        return checkpoints;
    }

    @Override
    public String describe() {
        return store.location().toString();
    }

    @Override
    public void close() {
        store.close();
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
