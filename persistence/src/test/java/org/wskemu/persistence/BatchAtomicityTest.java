package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.bind;
import static org.wskemu.persistence.EngineSessions.close;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.assertSameRows;
import static org.wskemu.persistence.EngineSessions.events;
import static org.wskemu.persistence.EngineSessions.fold;
import static org.wskemu.persistence.EngineSessions.generate;
import static org.wskemu.persistence.EngineSessions.generateMore;
import static org.wskemu.persistence.EngineSessions.inMemory;
import static org.wskemu.persistence.EngineSessions.set;
import static org.wskemu.persistence.EngineSessions.socket;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.session.SessionCall;

/**
 * A batch of calls is one transaction on H2: a call that fails with an exception (an engine bug,
 * not a refusal) rolls back every event of its batch, keeps the batches before it, and leaves no
 * trace in the engine's caches either.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BatchAtomicityTest {

    static final long SEED = 0xA70_2026L;
    static final int BATCH = 100;

    @TempDir
    Path temp;

    @Test
    void aFailingCallRollsBackItsWholeBatchAndKeepsTheEarlierOnes() throws Exception {
        List<SessionCall> firstBatch = generate(SEED, BATCH);
        List<SessionCall> calls = new ArrayList<>(firstBatch);
        // the second batch binds and takes an ephemeral port before the failing call, and more after it
        calls.addAll(List.of(
                socket("phantom-excl", 4), set("phantom-excl", "SO_EXCLUSIVEADDRUSE", 1), bind("phantom-excl", "0.0.0.0:8080"),
                socket("phantom-eph", 700), bind("phantom-eph", "0.0.0.0:0")));
        calls.addAll(generateMore(SEED + 1, 45));
        int failing = calls.size();
        // MachineAggregate throws IllegalArgumentException for a thread of an undeclared process
        calls.add(EngineSessions.thread(9001, 4242, null));
        calls.addAll(generateMore(SEED + 2, 2 * BATCH - calls.size()));
        calls.addAll(generateMore(SEED + 3, 50)); // a third batch, never reached
        assertEquals(BATCH + 50, failing, "the failing call is in the middle of the second batch");

        StoreLocation location = StoreLocation.directory(temp.resolve("store"));
        AtomicLong handles = new AtomicLong();
        List<SessionRunner.Report> reported = new ArrayList<>();
        List<LoggedEvent> kept;
        H2Storage storage = H2Storage.open(location);
        try (WskEmulator kernel = emulator(storage, handles)) {
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> kernel.sessions().run(SessionRunner.Run.of("atomic", calls).withBatchSize(BATCH)
                            .withProgress(reported::add)));
            assertTrue(causes(failure).anyMatch(t -> t instanceof IllegalArgumentException
                    && t.getMessage().contains("undeclared process")), () -> "failed with " + failure);
            assertEquals(BATCH, reported.size(), "only the first batch committed and was reported");

            // the store holds exactly what an engine that ran only the first batch holds
            kept = events(kernel.log());
            try (WskEmulator reference = inMemory(new AtomicLong())) {
                reference.sessions().run(SessionRunner.Run.of("atomic", firstBatch).withBatchSize(BATCH));
                // bar the reference's end: a run that failed records none (issue #26), so it reads as unfinished
                assertEquals(events(reference.log()).stream().filter(e -> !(e.event() instanceof org.wskemu.api.event.RunEnded))
                                .map(e -> e.position() + " " + e.event()).toList(),
                        kept.stream().map(e -> e.position() + " " + e.event()).toList(), "the events kept");
                // the same rows; the position one short of the reference's, whose run recorded its end
                ReadModelView keptModels = copy(kernel.readModels());
                assertEquals(reference.readModels().position() - 1, keptModels.position(), "the read models' position");
                assertSameRows(reference.readModels(), keptModels, "the read models kept");
            }
            assertTrue(kept.stream().noneMatch(e -> e.event() instanceof SocketCreated created
                    && created.label().startsWith("phantom")), "no event of the failed batch");
            assertEquals(kernel.log().head(), RestartTest.tokenIndex(storage));
        }

        // a new run on the reopened store decides as if the failed batch had never been, as does an
        // engine that keeps running after the failure
        List<SessionCall> after = new ArrayList<>(List.of(
                socket("late-excl", 4), set("late-excl", "SO_EXCLUSIVEADDRUSE", 1), bind("late-excl", "0.0.0.0:8080"),
                socket("late-eph", 700), bind("late-eph", "0.0.0.0:0"), close("late-eph")));
        after.addAll(generateMore(SEED + 4, 150));
        List<String> expected;
        try (WskEmulator reference = inMemory(new AtomicLong())) {
            reference.sessions().run(SessionRunner.Run.of("atomic", firstBatch).withBatchSize(BATCH));
            expected = outcomes(reference.sessions().run(SessionRunner.Run.of("after", after)).reports(), reference.readModels().decisions());
        }
        try (WskEmulator kernel = emulator(H2Storage.open(location), handles)) {
            assertEquals(kept, events(kernel.log()), "the kept events after reopening");
            List<SessionRunner.Report> reports = kernel.sessions().run(SessionRunner.Run.of("after", after)).reports();
            assertEquals(expected, outcomes(reports, kernel.readModels().decisions()));
            assertEquals("SUCCESS", reports.get(2).status().name(), "no phantom EXCL binding on 8080");
            assertSameView(fold(kernel.log()), copy(kernel.readModels()), "against a fold of the log");
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
        }
    }

    @Test
    void anEngineThatKeepsRunningAfterAFailedBatchHasNoPhantomState() {
        List<SessionCall> failed = new ArrayList<>(generate(SEED + 5, 20));
        failed.addAll(List.of(
                socket("phantom-excl", 4), set("phantom-excl", "SO_EXCLUSIVEADDRUSE", 1), bind("phantom-excl", "0.0.0.0:8080"),
                socket("phantom-eph", 700), bind("phantom-eph", "0.0.0.0:0"),
                EngineSessions.thread(9001, 4242, null)));
        List<SessionCall> after = List.of(
                socket("late-excl", 4), set("late-excl", "SO_EXCLUSIVEADDRUSE", 1), bind("late-excl", "0.0.0.0:8080"),
                socket("late-eph", 700), bind("late-eph", "0.0.0.0:0"));
        List<String> expected;
        try (WskEmulator reference = inMemory(new AtomicLong())) {
            reference.sessions().run(SessionRunner.Run.of("failing", failed.subList(0, 20)).withBatchSize(BATCH));
            expected = outcomes(reference.sessions().run(SessionRunner.Run.of("after", after)).reports(), reference.readModels().decisions());
        }
        try (WskEmulator kernel = emulator(H2Storage.open(StoreLocation.memory()), new AtomicLong())) {
            kernel.sessions().run(SessionRunner.Run.of("failing", failed.subList(0, 20)).withBatchSize(BATCH));
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> kernel.sessions().run(SessionRunner.Run.of("failing", failed.subList(20, failed.size()))
                            .withBatchSize(BATCH)));
            assertTrue(causes(failure).anyMatch(t -> t instanceof IllegalArgumentException), () -> "failed with " + failure);
            List<SessionRunner.Report> reports = kernel.sessions().run(SessionRunner.Run.of("after", after)).reports();
            assertEquals(expected, outcomes(reports, kernel.readModels().decisions()));
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
            assertSameView(fold(kernel.log()), copy(kernel.readModels()), "against a fold of the log");
        }
    }

    /** Per call its status and bind result, then per decision its label, status and addresses: no handles. */
    private static List<String> outcomes(List<SessionRunner.Report> reports, List<DecisionRow> decisions) {
        List<String> outcomes = new ArrayList<>();
        for (SessionRunner.Report r : reports) {
            outcomes.add(r.call().op() + " " + r.call().label() + " " + r.status()
                    + (r.call() instanceof SessionCall.Bind ? " " + r.result() : ""));
        }
        decisions.stream().filter(d -> d.run().number() > 1)
                .forEach(d -> outcomes.add(d.label() + " " + d.status() + " " + d.requested() + " " + d.actual()));
        return outcomes;
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, Throwable::getCause);
    }
}
