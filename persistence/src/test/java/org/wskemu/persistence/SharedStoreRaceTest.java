package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.events;
import static org.wskemu.persistence.EngineSessions.fold;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.irp.Irp;
import org.wskemu.engine.EngineJackson;
import org.wskemu.engine.spi.EngineStorage;
import org.wskemu.engine.spi.StorageSpi;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.timeline.CheckpointStore;
import org.wskemu.engine.verify.VerifyReport;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * Invariant 2 across engines: two emulators on one H2 store (each with its own Axon configuration,
 * repositories and caches) race to bind the same address; the port's event stream lets exactly one
 * win, and the loser is decided again on the new state. Axon reports such a lost append as a
 * concurrency conflict, not as an SQL error.
 */
@Tag("race")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SharedStoreRaceTest {

    static final int ROUNDS = 20;
    static final ProcessId SYSTEM = new ProcessId(4);
    static final ProcessId ALICE = new ProcessId(700);

    /**
     * One engine's view of a store another engine uses too: everything is the shared H2Storage's, but
     * closing the engine leaves the store open (the test closes it once both engines are done).
     */
    record SharedStorage(H2Storage shared) implements EngineStorage {
        @Override
        public void configure(Configurer configurer) {
            StorageSpi.of(shared).configure(configurer);
        }

        @Override
        public EventLog eventLog(Configuration configuration) {
            return StorageSpi.of(shared).eventLog(configuration);
        }

        @Override
        public LiveReadModels readModels(Configuration configuration, EventLog log) {
            return StorageSpi.of(shared).readModels(configuration, log);
        }

        @Override
        public CheckpointStore checkpoints(Configuration configuration) {
            return StorageSpi.of(shared).checkpoints(configuration);
        }

        @Override
        public org.wskemu.engine.spi.InlineProjection inlineProjection(Configuration configuration) {
            return StorageSpi.of(shared).inlineProjection(configuration);
        }

        @Override
        public String describe() {
            return "shared " + shared.describe();
        }

        @Override
        public void close() {
            // the store is the test's
        }
    }

    @Test
    void twoEnginesOnOneStoreNeverBothWinAContestedCell() throws Exception {
        AtomicLong handles = new AtomicLong(); // one counter: the machine's socket handles are unique
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (H2Storage store = H2Storage.open(StoreLocation.memory());
             WskEmulator first = emulator(new SharedStorage(store), handles);
             WskEmulator second = emulator(new SharedStorage(store), handles)) {
            List<WskEmulator> engines = List.of(first, second);
            for (WskEmulator engine : engines) {
                engine.declareProcess(SYSTEM, Token.of(Sid.LOCAL_SYSTEM));
                engine.declareProcess(ALICE, Token.of(Sid.parse(EngineSessions.ALICE), Sid.BUILTIN_USERS));
            }
            // rounds 0-19 race on new ports 80-99 (the port's stream is created by the winner); then the
            // winners close, and rounds 20-39 race on the same ports again (appends to existing streams,
            // where each engine's cached port is stale after the other's appends)
            Map<Integer, Winner> winners = new HashMap<>();
            for (int round = 0; round < 2 * ROUNDS; round++) {
                int port = 80 + round % ROUNDS;
                if (round >= ROUNDS) {
                    Winner previous = winners.get(port);
                    assertEquals(NtStatus.SUCCESS, status(call(irp -> previous.engine().closeSocket(previous.socket(), irp))));
                }
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Completion>> binds = new ArrayList<>();
                List<SocketId> sockets = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    WskEmulator engine = engines.get(i);
                    SocketId socket = socket(engine, i == 0 ? SYSTEM : ALICE);
                    sockets.add(socket);
                    binds.add(threads.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return call(irp -> engine.bind(socket, TransportAddress.parse("0.0.0.0:" + port), irp));
                    }));
                }
                List<NtStatus> statuses = new ArrayList<>();
                for (Future<Completion> bind : binds) {
                    statuses.add(status(bind.get(2, TimeUnit.MINUTES)));
                }
                // first NONE W, second NONE W: INUSE
                assertEquals(1, statuses.stream().filter(s -> s == NtStatus.SUCCESS).count(), "round " + round + ": " + statuses);
                assertEquals(1, statuses.stream().filter(s -> s == NtStatus.ADDRESS_ALREADY_EXISTS).count(),
                        "round " + round + ": " + statuses);
                int won = statuses.get(0) == NtStatus.SUCCESS ? 0 : 1;
                winners.put(port, new Winner(engines.get(won), sockets.get(won)));
            }
            assertTrue(first.failures().isEmpty() && second.failures().isEmpty(),
                    () -> "engine failures " + first.failures() + second.failures());

            for (WskEmulator engine : engines) {
                VerifyReport report = engine.verify();
                assertEquals(List.of(), report.mismatches());
                assertEquals(4 * ROUNDS, report.decisions(), "two decisions per round");
            }
            List<LoggedEvent> log = events(first.log());
            assertEquals(log, events(second.log()), "one log");
            Map<Integer, Long> boundPerPort = new HashMap<>();
            log.stream().filter(e -> e.event() instanceof SocketBound).map(e -> ((SocketBound) e.event()).binding().address().port())
                    .forEach(port -> boundPerPort.merge(port, 1L, Long::sum));
            for (int port = 80; port < 80 + ROUNDS; port++) {
                assertEquals(2L, boundPerPort.get(port), "one winner per round on port " + port);
            }
            ReadModelView models = copy(first.readModels());
            assertSameView(fold(first.log()), models, "the read models of the shared store");
            assertEquals(winners.values().stream().map(Winner::socket).sorted((a, b) -> Long.compare(a.value(), b.value())).toList(),
                    models.ownership().stream().map(OwnershipRow::socket).sorted((a, b) -> Long.compare(a.value(), b.value())).toList(),
                    "the last round's winners hold the ports");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void axonReportsALostAppendOnTheEnginesStoreAsAConcurrencyConflict() throws Exception {
        try (H2Storage store = H2Storage.open(StoreLocation.memory())) {
            try (WskEmulator engine = emulator(new SharedStorage(store), new AtomicLong())) {
                engine.declareProcess(SYSTEM, Token.of(Sid.LOCAL_SYSTEM));
                SocketId socket = socket(engine, SYSTEM);
                assertEquals(NtStatus.SUCCESS, status(call(irp -> engine.bind(socket, TransportAddress.parse("0.0.0.0:80"), irp))));
            }
            // two Axon configurations on the engine's store, serializing as the engine does
            try (CounterApp one = CounterApp.start(AxonJdbcStorage.builder(store.store()).objectMapper(EngineJackson.mapper()).build());
                 CounterApp two = CounterApp.start(AxonJdbcStorage.builder(store.store()).objectMapper(EngineJackson.mapper()).build())) {
                one.gateway().sendAndWait(new Counter.Create("c"));
                AggregateStreamCreationException created = assertThrows(AggregateStreamCreationException.class,
                        () -> two.gateway().sendAndWait(new Counter.Create("c")));
                assertEquals(DuplicateKeyResolver.UNIQUE_VIOLATION, sqlState(created));

                CyclicBarrier bothLoaded = new CyclicBarrier(2);
                Counter.beforeIncrement = () -> {
                    try {
                        bothLoaded.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                List<CompletableFuture<Object>> increments = new ArrayList<>();
                for (CounterApp app : List.of(one, two)) {
                    increments.add(CompletableFuture.supplyAsync(() -> app.gateway().sendAndWait(new Counter.Increment("c", 1))));
                }
                List<Object> wins = new ArrayList<>();
                List<Throwable> losses = new ArrayList<>();
                for (CompletableFuture<Object> increment : increments) {
                    try {
                        wins.add(increment.get(1, TimeUnit.MINUTES));
                    } catch (ExecutionException e) {
                        losses.add(e.getCause());
                    }
                }
                assertEquals(List.of(1L), wins);
                assertEquals(1, losses.size(), () -> "losses " + losses);
                ConcurrencyException lost = assertInstanceOf(ConcurrencyException.class, losses.get(0));
                assertEquals(DuplicateKeyResolver.UNIQUE_VIOLATION, sqlState(lost));
            } finally {
                Counter.beforeIncrement = () -> { };
            }
            assertEquals(2L, Long.parseLong(RawDatabase.rows(store.store().dataSource(),
                    "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = 'c'").get(0).get(0)),
                    "the loser appended nothing");
        }
    }

    private record Winner(WskEmulator engine, SocketId socket) {
    }

    /** Makes a call with a new IRP and waits for its completion. */
    static Completion call(java.util.function.Function<Irp, NtStatus> call) throws Exception {
        Irp irp = new Irp();
        NtStatus returned = call.apply(irp);
        Completion completion = irp.completionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
        if (returned != NtStatus.PENDING) {
            assertEquals(returned, completion.ioStatus().status());
        }
        return completion;
    }

    static SocketId socket(WskEmulator engine, ProcessId process) throws Exception {
        Completion created = call(irp -> engine.socket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, process), irp));
        assertEquals(NtStatus.SUCCESS, status(created));
        return ((CallResult.NewSocket) created.result()).socket();
    }

    static NtStatus status(Completion completion) {
        return completion.ioStatus().status();
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
