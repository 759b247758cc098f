package org.wskemu.engine;

import org.wskemu.engine.rules.CallDispatcher;
import org.wskemu.api.SessionRun;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.HostAddress;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.WskKernel;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.irp.IoStatusBlock;
import org.wskemu.api.irp.Irp;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.aggregate.Outcome;
import java.util.stream.Stream;
import org.wskemu.engine.explain.Explanation;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.spi.EngineStorage;
import org.wskemu.engine.spi.StorageSpi;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.timeline.Timeline;
import org.wskemu.engine.verify.VerifyReport;
import org.wskemu.engine.verify.Verifier;
import org.wskemu.security.Token;

/**
 * A running emulated kernel: the WSK calls of {@link WskKernel} on an event-sourced Axon engine,
 * plus what an auditor needs (read models, timeline, verify, session runner).
 *
 * <pre>{@code
 * try (WskEmulator kernel = WskEmulator.inMemory()) {
 *     kernel.declareProcess(new ProcessId(4), Token.of(Sid.LOCAL_SYSTEM));
 *     Irp irp = new Irp();
 *     kernel.socket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, new ProcessId(4)), irp);
 *     Completion created = irp.completionStage().toCompletableFuture().join();
 * }
 * }</pre>
 */
public final class WskEmulator implements WskKernel, AutoCloseable {

    private final KernelEngine engine;
    private final ProfileId profile;
    private final LongSupplier socketIds;
    private final ExecutorService pool;
    private final SerialLanes lanes;
    private final Timeline timeline;
    private final CallDispatcher dispatcher;
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    private WskEmulator(Builder builder) {
        this.profile = builder.profile;
        this.socketIds = builder.socketIds != null ? builder.socketIds : randomSocketIds();
        this.engine = new KernelEngine(builder.storage, profile);
        this.dispatcher = new CallDispatcher(profile);
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(builder.engineThreads, runnable -> {
            Thread thread = new Thread(runnable, "wskemu-engine-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.lanes = new SerialLanes(pool);
        this.timeline = new Timeline(engine.log(), engine.readModels(), engine.checkpoints(), builder.checkpointInterval);
    }

    /** {@return an engine on Axon's in-memory store with the {@code wsk} profile: one line for an embedder's test} */
    public static WskEmulator inMemory() {
        return builder().build();
    }

    /** {@return the settings of a new engine, every one at its default} */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a new engine. */
    public static final class Builder {
        private ProfileId profile = ProfileId.WSK;
        private EngineStorage storage;
        private LongSupplier socketIds;
        private int engineThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private int checkpointInterval = Timeline.DEFAULT_CHECKPOINT_INTERVAL;

        private Builder() {
        }

        /**
         * The sharing profile every decision is made under (default {@code wsk}).
         *
         * @param value the profile, never null
         * @return this builder
         */
        public Builder profile(ProfileId value) {
            this.profile = Objects.requireNonNull(value, "profile");
            return this;
        }

        /**
         * Where events and read models are kept (default: Axon's in-memory store).
         *
         * @param value a storage of the persistence module (H2Storage, JdbcStorage)
         * @return this builder
         * @throws IllegalArgumentException when the storage is not one of the engine's
         */
        public Builder storage(Storage value) {
            this.storage = StorageSpi.of(Objects.requireNonNull(value, "storage"));
            return this;
        }

        /**
         * Where socket handles come from (default: random positive 48-bit values).
         *
         * @param value the source of handles, never null
         * @return this builder
         */
        public Builder socketIds(LongSupplier value) {
            this.socketIds = Objects.requireNonNull(value, "socketIds");
            return this;
        }

        /**
         * The engine threads that complete IRPs (default: at least 2).
         *
         * @param value the number of threads, at least 1
         * @return this builder
         */
        public Builder engineThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("engine threads must be at least 1");
            }
            this.engineThreads = value;
            return this;
        }

        /**
         * Events between two timeline checkpoints (default 1,000).
         *
         * @param value the number of events, at least 1
         * @return this builder
         */
        public Builder checkpointInterval(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("checkpoint interval must be at least 1");
            }
            this.checkpointInterval = value;
            return this;
        }

        /** {@return a running engine with these settings, on an in-memory store when none was given} */
        public WskEmulator build() {
            if (storage == null) {
                storage = new InMemoryStorage();
            }
            return new WskEmulator(this);
        }
    }

    /** {@return the sharing profile every decision of this engine is made under} */
    public ProfileId profile() {
        return profile;
    }

    // ---- WskKernel ------------------------------------------------------------------------------

    @Override
    public void declareProcess(ProcessId process, Token token) {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(token, "token");
        runNow(calls -> calls.declareProcess(process, token));
    }

    @Override
    public void declareThread(ThreadId thread, ProcessId process, Token impersonation) {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(process, "process");
        runNow(calls -> calls.declareThread(thread, process, impersonation));
    }

    @Override
    public void declareHost(List<HostAddress> addresses) {
        Objects.requireNonNull(addresses, "addresses");
        List<HostAddress> copy = List.copyOf(addresses);
        runNow(calls -> calls.declareHost(copy));
    }

    @Override
    public NtStatus socket(SocketRequest request, Irp irp) {
        Objects.requireNonNull(request, "request");
        SocketId id = new SocketId(socketIds.getAsLong());
        return call(id, id, new CallDispatcher.CreateSocket(request), irp);
    }

    @Override
    public NtStatus controlSocket(SocketId socket, ControlRequest request, Irp irp) {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(request, "request");
        return call(socket, socket, new CallDispatcher.Control(request), irp);
    }

    @Override
    public NtStatus bind(SocketId socket, TransportAddress address, Irp irp) {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(address, "address");
        return call(socket, socket, new CallDispatcher.Bind(address), irp);
    }

    /**
     * WskBind of port 0 replaying a recording: takes {@code recordedPort}, the port the recording's system
     * gave the bind, when no name space of the bind has a binding on it, else the port rule 1 gives and
     * the decision names a holder (SPEC.md 6, rule 1a).
     *
     * @param socket       the socket
     * @param address      the address, port 0
     * @param recordedPort the recorded port, 1-65535
     * @param irp          the IRP
     * @return PENDING, or the status of a call refused at once
     * @throws IllegalArgumentException unless the address has port 0 and the recorded port is 1-65535
     */
    public NtStatus bind(SocketId socket, TransportAddress address, int recordedPort, Irp irp) {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(address, "address");
        if (!address.isEphemeralRequest() || recordedPort < 1 || recordedPort > 65_535) {
            throw new IllegalArgumentException("a recorded port (1-65535) belongs to a port-0 bind only");
        }
        return call(socket, socket, new CallDispatcher.Bind(address, recordedPort), irp);
    }

    @Override
    public NtStatus closeSocket(SocketId socket, Irp irp) {
        Objects.requireNonNull(socket, "socket");
        return call(socket, socket, new CallDispatcher.Close(), irp);
    }

    /**
     * Hands a call to the one dispatcher (SPEC.md 5's order of checks, as the session runner). A call
     * refused by a check that needs no socket state (a NULL IRP, one still pending, an unknown option,
     * a wrong level or size) is recorded in the socket's order, answered at once with its status, and its
     * IRP (if taken) completed with it; a pending IRP is left undisturbed. Any other call returns
     * PENDING and completes its IRP later on an engine thread.
     */
    private NtStatus call(Object lane, SocketId socket, CallDispatcher.Call call, Irp irp) {
        CallDispatcher.IrpState state = irp == null ? CallDispatcher.IrpState.NULL
                : irp.submit() ? CallDispatcher.IrpState.SUBMITTED : CallDispatcher.IrpState.PENDING;
        Function<KernelCalls, Outcome> step = calls -> dispatcher.dispatch(calls, socket,
                "socket " + socket + " is unknown", call, state, SessionRun.NONE);
        if (dispatcher.refusedAtOnce(call, state).isPresent()) {
            KernelEngine.Recorded recorded = inLane(lane, step).join();
            if (state == CallDispatcher.IrpState.SUBMITTED) {
                complete(irp, recorded);
            }
            return recorded.outcome().status();
        }
        return pending(lane, irp, step);
    }

    private NtStatus pending(Object lane, Irp irp, Function<KernelCalls, Outcome> call) {
        // Completed by a task of its own on an engine thread: a plain callback would run on the caller's
        // thread, inside this call and before PENDING is returned, whenever the call had already finished
        // when the callback was attached.
        inLane(lane, call).whenCompleteAsync((recorded, failure) -> {
            try {
                if (failure != null) {
                    // an engine bug: the IRP still completes exactly once, and the failure is kept for tests
                    failures.add(failure);
                    irp.complete(new Completion(IoStatusBlock.of(NtStatus.CANCELLED), CallResult.NONE, 0));
                } else {
                    complete(irp, recorded);
                }
            } catch (RuntimeException | Error routineFailure) {
                // a completion routine that throws is the driver's bug: it goes to the completing thread's
                // uncaught-exception handling (CompletionRoutine) instead of vanishing in this future
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, routineFailure);
            }
        }, this::onEngineThread);
        return NtStatus.PENDING;
    }

    /** Runs {@code task} on the pool; once {@link #close} has shut it down, on the engine thread finishing a call. */
    private void onEngineThread(Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException shutDown) {
            task.run();
        }
    }

    private CompletableFuture<KernelEngine.Recorded> inLane(Object lane, Function<KernelCalls, Outcome> call) {
        return lanes.submit(lane, () -> engine.execute(List.of(call)).get(0));
    }

    private static void complete(Irp irp, KernelEngine.Recorded recorded) {
        Outcome outcome = recorded.outcome();
        irp.complete(new Completion(new IoStatusBlock(outcome.status(), outcome.information()), outcome.result(),
                recorded.position()));
    }

    private void runNow(Function<KernelCalls, Outcome> call) {
        engine.execute(List.of(call));
    }

    // ---- auditing -------------------------------------------------------------------------------

    /** {@return a runner of session files' calls, in order and in batches, on this engine} */
    public SessionRunner sessions() {
        return new SessionRunner(engine, socketIds, dispatcher);
    }

    /** {@return the read models, caught up with every committed call} */
    public ReadModelView readModels() {
        return engine.readModels().current();
    }

    /**
     * Folds the whole log again into fresh read models.
     *
     * @return the rebuilt read models
     */
    public ReadModelView rebuild() {
        return engine.readModels().rebuild();
    }

    /** {@return the state as of any position} */
    public Timeline timeline() {
        return timeline;
    }

    /**
     * Why the bind decision at {@code position} came out as it did, as a value: the deciding cell, socket
     * and ACE, every binding consulted, and every other live binding on the port with the rule that set
     * it aside. {@code wskemu explain} prints the same.
     *
     * @param position a position of the log, 1 to its head
     * @return the explanation, or empty when the event there is not a bind decision
     * @throws IllegalArgumentException if {@code position} is under 1 or beyond the log's head
     */
    public Optional<Explanation> explain(long position) {
        long head = log().head();
        if (position < 1 || position > head) {
            throw new IllegalArgumentException("position " + position + (position < 1 ? " is not a position (they start at 1)"
                    : " is beyond the last recorded position " + head));
        }
        Optional<LoggedEvent> found;
        try (Stream<LoggedEvent> events = log().read(position - 1, position)) {
            found = events.filter(e -> e.position() == position).findFirst();
        }
        return found.flatMap(e -> Explanation.of(e, timeline.at(position - 1)));
    }

    /**
     * Re-derives every recorded bind decision from the state just before it, and checks that the
     * read models are the fold of the log.
     *
     * @return the report: the decisions checked and any mismatch found
     */
    public VerifyReport verify() {
        ReadModelView readModels;
        try {
            readModels = readModels();
        } catch (RuntimeException cannotCatchUp) {
            // the read models could not be read: a damaged event is named by the log's own reading first
            Verifier.verify(engine.log());
            throw cannotCatchUp;
        }
        return Verifier.verify(engine.log(), readModels);
    }

    /** {@return the recorded events} */
    public EventLog log() {
        return engine.log();
    }

    /** {@return a copy of the engine failures (bugs) met while completing IRPs; empty in a healthy engine} */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Waits for the calls already accepted, then shuts the engine and its store down. */
    @Override
    public void close() {
        try {
            // a lane hands each of its calls to the pool only when the one before has finished: the pool
            // must keep taking them until every accepted call has run, or they would be rejected
            lanes.awaitSubmitted(30, TimeUnit.SECONDS);
            pool.shutdown();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        } finally {
            engine.close();
        }
    }

    private static LongSupplier randomSocketIds() {
        SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
        return () -> {
            synchronized (random) {
                return random.nextLong(1, 1L << 48);
            }
        };
    }
}
