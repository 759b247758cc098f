package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.engine.Sessions.bind;
import static org.wskemu.engine.Sessions.close;
import static org.wskemu.engine.Sessions.process;
import static org.wskemu.engine.Sessions.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.FoldingReadModels;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.spi.EngineStorage;

/**
 * A writer that loses append races to another writer of its store (issue #22): it tries again in
 * smaller parts after a pause, commits every call once, and gives up only after many losses in a
 * row, with one clear message. The other writer is played by a store that refuses appends on demand,
 * as a real store refuses an event at a sequence number another writer took.
 */
class LostRaceRetryTest {

    /** Axon's in-memory store, refusing the next {@link #refusals} appends with a lost race; counts what it appended. */
    static final class RefusingStorage implements EngineStorage {
        final AtomicInteger refusals = new AtomicInteger();
        /** Only appends of at least this many events are refused. */
        volatile int refuseFrom = 1;
        /** The number of events of each append tried, refused or not, in order. */
        final List<Integer> appendsTried = new ArrayList<>();
        private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine(1) {
            @Override
            public void appendEvents(List<? extends EventMessage<?>> events) {
                synchronized (appendsTried) {
                    appendsTried.add(events.size());
                }
                if (events.size() >= refuseFrom && refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new ConcurrencyException("An event for aggregate [machine] at sequence [1] was already inserted");
                }
                super.appendEvents(events);
            }
        };

        @Override
        public void configure(Configurer configurer) {
            configurer.configureEmbeddedEventStore(c -> engine)
                    .configureTransactionManager(c -> NoTransactionManager.INSTANCE);
        }

        @Override
        public EventLog eventLog(Configuration configuration) {
            return new AxonEventLog(engine, GlobalSequenceTrackingToken::new);
        }

        @Override
        public LiveReadModels readModels(Configuration configuration, EventLog log) {
            return new FoldingReadModels(log);
        }

        @Override
        public String describe() {
            return "refusing";
        }

        @Override
        public void close() {
            // nothing is kept
        }
    }

    static List<SessionCall> session(int sockets) {
        List<SessionCall> calls = new ArrayList<>();
        calls.add(process(700, "S-1-5-21-1-2-3-1001"));
        for (int i = 0; i < sockets; i++) {
            calls.add(socket("s" + i, "listen", 700, null, "SUCCESS"));
            calls.add(bind("s" + i, "0.0.0.0:" + (1000 + i), "SUCCESS"));
        }
        for (int i = 0; i < sockets; i++) {
            calls.add(close("s" + i, "SUCCESS"));
        }
        return calls;
    }

    @Test
    void aBatchThatLosesIsTriedAgainInSmallerPartsAndEveryCallCommitsOnce() {
        RefusingStorage storage = new RefusingStorage();
        try (WskEmulator kernel = WskEmulator.builder().storage(storage).build()) {
            List<SessionCall> calls = session(20);
            storage.refuseFrom = 2; // not the run's start (one event), the batch and its parts
            storage.refusals.set(2);
            SessionRunner.Result result = kernel.sessions().run(SessionRunner.Run.of("race", calls)
                    .withBatchSize(calls.size()));

            assertEquals(calls.size(), result.reports().size());
            assertEquals(0, result.divergences(), () -> "every call as expected: " + result.firstDivergence());
            List<Integer> tried = List.copyOf(storage.appendsTried);
            // the run's start; the whole batch, refused; a half, refused; then parts that commit; the run's lines;
            // the run's end
            int whole = tried.get(1);
            assertTrue(tried.get(2) < whole && tried.get(3) < tried.get(2), () -> "smaller after each loss: " + tried);
            assertTrue(tried.size() > 5, () -> "the rest committed in several parts: " + tried);
            assertEquals(whole, tried.subList(3, tried.size() - 2).stream().mapToInt(Integer::intValue).sum(),
                    () -> "the parts committed hold the batch's events once: " + tried);
            assertEquals(tried.stream().mapToLong(Integer::longValue).sum() - whole - tried.get(2), kernel.log().head(),
                    "the log holds each committed event once");
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
            assertTrue(kernel.readModels().ownership().isEmpty(), "every socket closed again");
        }
    }

    @Test
    void aConflictThatPersistsEndsInOneClearMessageAndKeepsWhatCommitted() {
        RefusingStorage storage = new RefusingStorage();
        try (WskEmulator kernel = WskEmulator.builder().storage(storage).build()) {
            List<SessionCall> calls = session(3);
            SessionRunner.Result first = kernel.sessions().run(SessionRunner.Run.of("first", calls).withBatchSize(4));
            assertEquals(0, first.divergences());
            long before = kernel.log().head();
            storage.refusals.set(Integer.MAX_VALUE);
            WritersConflictException conflict = assertThrows(WritersConflictException.class,
                    () -> kernel.sessions().run(SessionRunner.Run.of("second", calls).withBatchSize(4)));
            assertEquals(KernelEngine.MAX_LOST_IN_A_ROW, conflict.lost());
            assertTrue(conflict.getMessage().startsWith("another writer of the store kept winning: "
                    + KernelEngine.MAX_LOST_IN_A_ROW + " append races lost in a row"), conflict.getMessage());
            assertEquals(1, conflict.getMessage().lines().count(), "one line");
            assertEquals(before, kernel.log().head(), "nothing of the losing run was written");
            storage.refusals.set(0);
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
        }
    }
}
