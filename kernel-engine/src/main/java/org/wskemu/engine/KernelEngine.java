package org.wskemu.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.wskemu.engine.log.LoggedEvent;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.aggregate.EphemeralRangeAggregate;
import org.wskemu.engine.aggregate.KernelAggregates;
import org.wskemu.engine.aggregate.KernelCommandTargetResolver;
import org.wskemu.engine.aggregate.MachineAggregate;
import org.wskemu.engine.aggregate.Outcome;
import org.wskemu.engine.aggregate.PortAggregate;
import org.wskemu.engine.aggregate.SocketAggregate;
import org.wskemu.api.event.WskEvent;
import org.wskemu.engine.spi.EngineStorage;
import org.wskemu.engine.spi.InlineProjection;
import org.wskemu.engine.spi.RunMarks;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.timeline.CheckpointStore;

/**
 * The Axon side of an engine: its configuration on a storage, and the execution of calls in units
 * of work. Several calls may share one root unit of work and one transaction (a batch): every event
 * of the batch is appended at its commit, so a crash loses at most the uncommitted batch and never
 * half a call. A batch that loses an append race to another engine on the same store is retried.
 */
final class KernelEngine implements AutoCloseable {

    /**
     * Events after which a busy aggregate (a crowded port, the ephemeral range, the machine) is
     * snapshotted, so loading it never replays more than this many events.
     */
    static final int SNAPSHOT_THRESHOLD = 500;

    /** Aggregates of each type kept in memory between calls. */
    static final int CACHED_AGGREGATES = 20_000;

    /**
     * How many append races in a row a writer may lose, making no progress, before it gives up with
     * one clear line ({@link WritersConflictException}): with the back-off below, several seconds.
     */
    static final int MAX_LOST_IN_A_ROW = 40;

    /** The longest pause, in milliseconds, before a lost batch (or its first part) is tried again. */
    static final int MAX_BACK_OFF_MILLIS = 200;

    static {
        // No machine here may call out: Axon's update checker stays off. This is the one place it is
        // switched off: Axon starts it only from a DefaultConfigurer, which only this class builds.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }

    /** A call's outcome and the position of its last event (0 when it recorded none). */
    record Recorded(Outcome outcome, long position) {
    }

    private final EngineStorage storage;
    private final Configuration axon;
    private final TransactionManager transactions;
    private final EventLog log;
    private final LiveReadModels readModels;
    private final KernelCalls calls;
    private final NewAggregates newAggregates;
    private final ThreadLocal<String> lastEventId = new ThreadLocal<>();
    /** The store's projection inside each batch's transaction, or null. */
    private final InlineProjection inline;
    /** Where each run's high-water mark is kept in its batches' transactions, or null. */
    private final RunMarks marks;
    /**
     * The message of a batch's unit of work: a command, as Axon's repositories expect of the unit of
     * work they load in; it carries nothing (the run's mark is the unit of work's correlation data).
     */
    private static final CommandMessage<String> BATCH = GenericCommandMessage.asCommandMessage("wskemu batch");

    /** The root unit of work's resource that collects the events Axon stages for the append. */
    private static final String STAGED = KernelEngine.class.getName() + ".staged";

    KernelEngine(EngineStorage storage, ProfileId profile) {
        this.storage = storage;
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> EngineJackson.serializer())
                .configureMessageSerializer(c -> EngineJackson.serializer())
                .configureEventSerializer(c -> EngineJackson.serializer());
        KernelCommandTargetResolver resolver = new KernelCommandTargetResolver();
        for (Class<?> type : List.of(MachineAggregate.class, SocketAggregate.class, PortAggregate.class,
                EphemeralRangeAggregate.class)) {
            // A bounded cache spares reloading an aggregate per call; a stale entry (another engine
            // appended) loses its append, is evicted on rollback, and the batch is retried.
            AggregateConfigurer<?> aggregate = AggregateConfigurer.defaultConfiguration(type)
                    .configureCommandTargetResolver(c -> resolver)
                    .configureCache(c -> new BoundedCache(CACHED_AGGREGATES));
            if (type != SocketAggregate.class) {
                aggregate.configureSnapshotTrigger(
                        c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), SNAPSHOT_THRESHOLD));
            }
            configurer.configureAggregate(aggregate);
        }
        // Axon intercepts staged events only at prepare-commit; its monitor sees each event as it is
        // applied, in the caller's thread, which is when a call's last event must be noted.
        configurer.configureMessageMonitor(EventStore.class, (config, type, name) -> captureLastEvent());
        // A run's mark: a session run's batch puts its run number in the correlation data of its root
        // unit of work; every command it sends carries it, and every event a command applies copies it
        // into its metadata (LoggedEvent#run). Axon's own trace and correlation ids (MessageOriginProvider,
        // two UUIDs, about 90 bytes per event) are not stored (issue #15: nothing reads them; a call's
        // events are tied together by the call's own fields and positions); stores that hold them read as before.
        configurer.configureCorrelationDataProviders(c -> List.of(
                new SimpleCorrelationDataProvider(LoggedEvent.RUN_METADATA)));
        storage.configure(configurer);
        this.axon = configurer.start();
        this.transactions = axon.getComponent(TransactionManager.class);
        this.log = storage.eventLog(axon);
        this.readModels = storage.readModels(axon, log);
        this.newAggregates = new NewAggregates(log.head() == 0);
        // the calls reach the aggregates through their repositories in the batch's unit of work (issue #22)
        KernelAggregates aggregates = new KernelAggregates(axon.repository(MachineAggregate.class),
                axon.repository(SocketAggregate.class), axon.repository(PortAggregate.class),
                axon.repository(EphemeralRangeAggregate.class), newAggregates);
        this.calls = new KernelCalls(aggregates, axon.eventStore(), profile);
        this.inline = storage.inlineProjection(axon);
        this.marks = storage.runMarks(axon);
        if (inline != null) {
            axon.eventStore().registerDispatchInterceptor(collectStaged());
        }
    }

    /**
     * Axon runs the event bus's dispatch interceptors on a root unit of work's whole queue of events
     * right before it appends them (prepare-commit): what is seen here is what is appended, in order
     * (events of a nested unit of work that rolled back never reach it).
     */
    private static MessageDispatchInterceptor<EventMessage<?>> collectStaged() {
        return messages -> {
            if (CurrentUnitOfWork.isStarted()) {
                List<EventMessage<?>> staged = CurrentUnitOfWork.get().root().getResource(STAGED);
                if (staged != null) {
                    staged.addAll(messages);
                }
            }
            return (index, message) -> message;
        };
    }

    /** The staged events as the log will hold them, positions not yet known (0); null if one is not the kernel's. */
    private static List<LoggedEvent> logged(List<EventMessage<?>> staged) {
        List<LoggedEvent> events = new ArrayList<>(staged.size());
        for (EventMessage<?> message : staged) {
            if (!(message.getPayload() instanceof WskEvent event)) {
                return null;
            }
            Object run = message.getMetaData().get(LoggedEvent.RUN_METADATA);
            events.add(new LoggedEvent(0, message.getIdentifier(), message.getTimestamp(), event,
                    run instanceof Number n ? n.longValue() : null));
        }
        return events;
    }

    private MessageMonitor<Message<?>> captureLastEvent() {
        return message -> {
            lastEventId.set(message.getIdentifier());
            return NoOpMessageMonitorCallback.INSTANCE;
        };
    }

    /**
     * Runs {@code batch} in order in one root unit of work and transaction, then answers each call's
     * outcome with the position of its last event.
     */
    List<Recorded> execute(List<Function<KernelCalls, Outcome>> batch) {
        return execute(batch, () -> { });
    }

    /** As {@link #execute(List)}; {@code beforeRetry} undoes the caller's own effects of a lost attempt. */
    List<Recorded> execute(List<Function<KernelCalls, Outcome>> batch, Runnable beforeRetry) {
        return execute(batch, beforeRetry, 0);
    }

    /**
     * As {@link #execute(List, Runnable)}, every event of the batch marked with {@code run} (when
     * positive) in its metadata, so that a run's events are told apart from other writers' that
     * interleave with them in the log. A lost race retries the whole batch, after a pause.
     */
    List<Recorded> execute(List<Function<KernelCalls, Outcome>> batch, Runnable beforeRetry, long run) {
        return execute(batch, beforeRetry, null, run);
    }

    /**
     * As {@link #execute(List, Runnable, long)}, but a batch that loses an append race to another
     * writer is tried again in smaller parts (issue #22): after each loss the part halves (down to one
     * call) and the writer pauses a random while that grows with the losses in a row, and after each
     * committed part the next may be twice as large again (up to the batch). So writers that keep
     * colliding commit one call at a time rather than losing whole batches, and each call stays whole
     * in one transaction. {@code afterPart} is called when a part has committed and more follow (the
     * caller's effects so far are then kept; {@code beforeRetry} undoes only those of the lost part).
     *
     * @throws WritersConflictException after {@link #MAX_LOST_IN_A_ROW} races lost in a row; the parts
     *     committed before stay committed
     */
    List<Recorded> execute(List<Function<KernelCalls, Outcome>> batch, Runnable beforeRetry, Runnable afterPart,
                           long run) {
        if (closed) {
            // a closed engine takes no more calls (its store is closed): as the command bus refused them
            throw new IllegalStateException("the emulator is closed: it takes no more calls");
        }
        List<Recorded> done = new ArrayList<>(batch.size());
        int part = batch.size();
        int lostInARow = 0;
        while (done.size() < batch.size()) {
            int from = done.size();
            List<Function<KernelCalls, Outcome>> calls = batch.subList(from, Math.min(batch.size(), from + part));
            try {
                done.addAll(attempt(calls, run));
                lostInARow = 0;
                if (afterPart != null && done.size() < batch.size()) {
                    afterPart.run();
                    part = Math.min(batch.size(), part * 2);
                }
            } catch (ConcurrencyException | AggregateStreamCreationException lostRace) {
                // another writer appended to an aggregate this part touched: decide again on the new state
                newAggregates.lostRace();
                beforeRetry.run();
                lostInARow++;
                if (lostInARow >= MAX_LOST_IN_A_ROW) {
                    throw new WritersConflictException(lostInARow, lostRace);
                }
                if (afterPart != null) {
                    part = Math.max(1, part / 2);
                }
                backOff(lostInARow);
            }
        }
        return done;
    }

    /** A random pause of up to 2^lost milliseconds, at most {@link #MAX_BACK_OFF_MILLIS}, so colliding writers spread out. */
    private static void backOff(int lost) {
        long bound = Math.min(MAX_BACK_OFF_MILLIS, 1L << Math.min(lost, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // tried again at once; the caller sees the interrupt
        }
    }

    private List<Recorded> attempt(List<Function<KernelCalls, Outcome>> batch, long run) {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<String> eventIds = new ArrayList<>(batch.size());
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(BATCH);
        if (run > 0) {
            Map<String, Long> mark = Map.of(LoggedEvent.RUN_METADATA, run);
            unitOfWork.registerCorrelationDataProvider(message -> mark);
        }
        List<EventMessage<?>> staged = new ArrayList<>();
        List<Map<String, Long>> folded = new ArrayList<>(1);
        boolean committed = false;
        if (inline != null) {
            unitOfWork.resources().put(STAGED, staged);
            inline.begin();
        }
        try {
            try {
                unitOfWork.attachTransaction(transactions);
                for (Function<KernelCalls, Outcome> call : batch) {
                    lastEventId.remove();
                    outcomes.add(call.apply(calls));
                    eventIds.add(lastEventId.get());
                }
            } catch (RuntimeException | Error failure) {
                lastEventId.remove();
                if (unitOfWork.isActive()) {
                    unitOfWork.rollback(failure);
                }
                throw failure;
            }
            lastEventId.remove();
            String batchLast = null;
            for (int i = eventIds.size() - 1; i >= 0 && batchLast == null; i--) {
                batchLast = eventIds.get(i);
            }
            if (marks != null && run > 0 && batchLast != null) {
                // after the calls, so after the event bus's append: the mark commits with the events it names
                String markAt = batchLast;
                unitOfWork.onPrepareCommit(u -> marks.committing(run, markAt));
            }
            if (inline != null) {
                // registered after the calls, so after the event bus's own prepare-commit handler (the
                // append): the read models are folded in the batch's transaction, before it commits
                unitOfWork.onPrepareCommit(u -> {
                    List<LoggedEvent> events = logged(staged);
                    Map<String, Long> positions = events == null || events.isEmpty() ? null : inline.project(events);
                    if (positions != null) {
                        folded.add(positions);
                    }
                });
            }
            unitOfWork.commit();
            committed = true;
        } finally {
            if (inline != null) {
                inline.end(committed);
            }
        }
        // positions from the rows the inline projection read in the transaction, else looked up
        Map<String, Long> positions = !folded.isEmpty() ? folded.get(0)
                : log.positionsOf(eventIds.stream().filter(id -> id != null).toList());
        List<Recorded> recorded = new ArrayList<>(batch.size());
        for (int i = 0; i < outcomes.size(); i++) {
            String id = eventIds.get(i);
            recorded.add(new Recorded(outcomes.get(i), id == null ? 0 : positions.getOrDefault(id, 0L)));
        }
        return recorded;
    }

    EventLog log() {
        return log;
    }

    LiveReadModels readModels() {
        return readModels;
    }

    CheckpointStore checkpoints() {
        return storage.checkpoints(axon);
    }

    /** Tells the storage a session run has ended, so a seek right after it finds its checkpoints. */
    void runEnded() {
        storage.runEnded();
    }

    /** Whether {@link #close()} was called: calls are then refused. */
    private volatile boolean closed;

    @Override
    public void close() {
        closed = true;
        try {
            axon.shutdown();
        } finally {
            storage.close();
        }
    }
}
