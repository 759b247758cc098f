package org.wskemu.persistence;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.wskemu.engine.EngineJackson;
import org.wskemu.engine.EngineStorage;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.timeline.CheckpointStore;
import org.wskemu.engine.timeline.Timeline;

/**
 * The durable store of an engine: Axon's JDBC event store on H2 (file or memory, one code path),
 * the read models in H2 tables kept by a tracking event processor, timeline checkpoints in a table.
 */
public final class H2Storage implements EngineStorage {

    /** Events per query when Axon reads the event table (catching up, rebuilding, loading aggregates). */
    static final int READ_BATCH = 1_000;

    /** Events per transaction of the read-model processor. */
    static final int PROJECTION_BATCH = 1_000;
    /** How long the read-model processor's worker waits for new events before it looks again. */
    static final long EVENT_AVAILABILITY_TIMEOUT_MILLIS = 50;

    private final H2Store store;
    private final ReadModelTables tables;
    private final JdbcCheckpoints checkpoints;
    private final Duration stall;
    /** The read-model processor's last failure, if any. */
    private final AtomicReference<Exception> projectionFailure = new AtomicReference<>();

    private H2Storage(H2Store store, Duration stall) {
        this.store = store;
        this.stall = stall;
        this.tables = new ReadModelTables(store.connectionProvider(), store.location());
        this.checkpoints = new JdbcCheckpoints(tables, EngineJackson.mapper());
    }

    /**
     * Opens (creating if needed) the store at {@code location}.
     *
     * @param location a directory, or memory
     * @return the storage, to hand to {@code WskEmulator.builder().storage(...)}
     * @throws StoreException with a one-line message when it is in use, damaged, newer or unwritable
     */
    public static H2Storage open(StoreLocation location) {
        return open(location, TrackedReadModels.STALL);
    }

    /** As {@link #open(StoreLocation)}, giving up on read models that make no progress for {@code stall}. */
    static H2Storage open(StoreLocation location, Duration stall) {
        return new H2Storage(H2Store.open(location), stall);
    }

    /** {@return the H2 store underneath (its data source, its location)} */
    public H2Store store() {
        return store;
    }

    @Override
    public void configure(Configurer configurer) {
        AxonJdbcStorage.builder(store).objectMapper(EngineJackson.mapper()).batchSize(READ_BATCH).build()
                .configure(configurer);
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

    @Override
    public EventLog eventLog(Configuration configuration) {
        return new JdbcEventLog(store.connectionProvider(), EngineJackson.mapper(), store.location());
    }

    @Override
    public LiveReadModels readModels(Configuration configuration, EventLog log) {
        return new TrackedReadModels(tables, store.transactionManager(), projectionFailure, stall, () -> configuration.eventProcessingConfiguration()
                .eventProcessor(ReadModelProjection.PROCESSOR, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the read-model processor is not configured")), log);
    }

    @Override
    public CheckpointStore checkpoints(Configuration configuration) {
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
}
