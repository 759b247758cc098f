package org.wskemu.persistence;

import org.wskemu.engine.SessionRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.fold;
import static org.wskemu.persistence.EngineSessions.generate;
import static org.wskemu.persistence.EngineSessions.generateMore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.readmodel.ReadModelView;

/**
 * Invariant 3 for the read models folded inside each batch's transaction (issue #15, {@link InlineFold}):
 * right after a run, before anything asks for the read models, the tables, the folded position, the
 * processor's token and the timeline checkpoints are those of a fold of the log (and of a rebuild),
 * whatever the batch size; the processor, started later in the same process, goes on from the token
 * the batches stored; and concurrent writers never make the tables skip or fold an event twice.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class InlineFoldTest {

    static final long SEED = 0x1D1E_2026L;

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 256, 1000})
    void aRunLeavesTheReadModelsOfItsCommittedBatches(int batchSize, @TempDir Path dir) throws Exception {
        AtomicLong handles = new AtomicLong();
        H2Storage storage = H2Storage.open(StoreLocation.directory(dir.resolve("store")));
        try (WskEmulator kernel = emulator(storage, handles)) {
            int calls = batchSize == 1 ? 600 : 4_000;
            kernel.sessions().run(SessionRunner.Run.of("generated", generate(SEED, calls)).withBatchSize(batchSize));
            long head = kernel.log().head();
            InlineFold inline = storage.inlineProjection();
            assertTrue(inline.foldedBatches() > 0, "batches folded in their transaction");
            assertEquals(0, inline.declinedBatches(), "no batch declined");
            // before any query: the rows, the position and the token are the log's
            assertEquals(head, RestartTest.tokenIndex(storage), "the token is at the head");
            assertEquals(head, tables(storage).position(), "the folded position is the head");
            assertSameView(fold(kernel.log()), copy(tables(storage)), "the tables against a fold of the log");
            if (batchSize > 1) {
                LogFoldTest.assertCheckpointsAreTheFold(kernel, storage);
            }
            List<List<String>> checkpoints = checkpointRows(storage);

            ReadModelView live = copy(kernel.readModels());
            assertSameView(fold(kernel.log()), live, "the first query");
            ReadModelView rebuilt = copy(kernel.rebuild());
            assertSameView(live, rebuilt, "a rebuild against the inline fold");
            assertEquals(checkpoints, checkpointRows(storage), "a rebuild writes the same checkpoints");
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
        }
    }

    @Test
    void runsQueriesAndEmbeddingCallsInterleavedStayFoldedInline(@TempDir Path dir) throws Exception {
        AtomicLong handles = new AtomicLong();
        StoreLocation location = StoreLocation.directory(dir.resolve("store"));
        H2Storage storage = H2Storage.open(location);
        try (WskEmulator kernel = emulator(storage, handles)) {
            kernel.sessions().run(SessionRunner.Run.of("first", generate(SEED, 1_500)));
            assertSameView(fold(kernel.log()), copy(kernel.readModels()), "after the first run");
            kernel.sessions().run(SessionRunner.Run.of("second", generateMore(SEED + 1, 400))
                    .withBatchSize(1)); // a commit per call
            assertSameView(fold(kernel.log()), copy(tables(storage)), "after the second run, before a query");
            assertSameView(fold(kernel.log()), copy(kernel.readModels()), "after the second run");
            assertEquals(0, storage.inlineProjection().declinedBatches(), "the queries started no processor");
        }
        // reopened: the next process goes on from the stored token
        H2Storage again = H2Storage.open(location);
        try (WskEmulator kernel = emulator(again, handles)) {
            kernel.sessions().run(SessionRunner.Run.of("third", generateMore(SEED + 2, 400)));
            assertTrue(again.inlineProjection().foldedBatches() > 0);
            assertEquals(0, again.inlineProjection().declinedBatches());
            assertSameView(fold(kernel.log()), copy(tables(again)), "after a reopen, before a query");
            assertSameView(copy(tables(again)), copy(kernel.rebuild()), "a rebuild after the reopen");
        }
    }

    @Test
    void theProcessorStartedLaterGoesOnFromTheTokenTheBatchesStored() throws Exception {
        AtomicLong handles = new AtomicLong();
        H2Storage storage = H2Storage.open(StoreLocation.memory());
        try (WskEmulator kernel = emulator(storage, handles)) {
            InlineFold inline = storage.inlineProjection();
            kernel.sessions().run(SessionRunner.Run.of("inline", generate(SEED, 1_200)));
            long folded = inline.foldedBatches();
            // a short backlog the catch-up leaves to the processor
            inline.paused = true;
            kernel.sessions().run(SessionRunner.Run.of("declined", generateMore(SEED + 1, 200)));
            inline.paused = false;
            assertTrue(kernel.log().head() > RestartTest.tokenIndex(storage), "a backlog after the token");
            ReadModelView caughtUp = copy(kernel.readModels()); // starts the processor
            assertSameView(fold(kernel.log()), caughtUp, "the processor went on from the inline token");

            kernel.sessions().run(SessionRunner.Run.of("while the processor runs", generateMore(SEED + 2, 300)));
            assertEquals(folded, inline.foldedBatches(), "no batch folded inline while the processor runs");
            ReadModelView processed = copy(kernel.readModels());
            assertSameView(fold(kernel.log()), processed, "the processor folded them");
            assertEquals(processed.decisions().size(), RestartTest.count(storage, "wsk_decision"), "no duplicate rows");

            kernel.rebuild(); // stops the processor: the batches fold again
            kernel.sessions().run(SessionRunner.Run.of("after the rebuild", generateMore(SEED + 3, 300)));
            assertTrue(inline.foldedBatches() > folded, "folded inline again after the rebuild");
            assertEquals(kernel.log().head(), RestartTest.tokenIndex(storage));
            assertSameView(fold(kernel.log()), copy(tables(storage)), "after the rebuild, before a query");
            assertSameView(fold(kernel.log()), copy(kernel.readModels()), "after the rebuild");
        }
    }

    @Test
    void concurrentRunsNeverSkipNorDoubleFoldAnEvent() throws Exception {
        AtomicLong handles = new AtomicLong();
        H2Storage storage = H2Storage.open(StoreLocation.memory());
        try (WskEmulator kernel = emulator(storage, handles)) {
            for (int round = 0; round < 3; round++) {
                List<CompletableFuture<?>> runs = new ArrayList<>();
                for (int writer = 0; writer < 3; writer++) {
                    long seed = SEED + 10 * round + writer;
                    int batch = 1 + writer * 5;
                    runs.add(CompletableFuture.runAsync(() -> kernel.sessions().run(SessionRunner.Run.of("writer " + seed, generateMore(seed, 300))
                            .withBatchSize(batch))));
                }
                for (CompletableFuture<?> run : runs) {
                    run.get(2, TimeUnit.MINUTES);
                }
                // whatever was folded inline is exactly a prefix of the log up to the token
                long token = RestartTest.tokenIndex(storage);
                InMemoryReadModels prefix = fold(kernel.log(), token);
                if (token > 0) {
                    assertEquals(token, tables(storage).position(), "the position is the token's");
                    assertSameView(prefix, copy(tables(storage)), "round " + round + ": the tables against the log up to the token");
                }
            }
            InlineFold inline = storage.inlineProjection();
            assertTrue(inline.foldedBatches() + inline.declinedBatches() > 0);
            ReadModelView live = copy(kernel.readModels());
            assertSameView(fold(kernel.log()), live, "after concurrent runs");
            assertEquals(live.decisions().size(), RestartTest.count(storage, "wsk_decision"), "no duplicate rows");
            assertSameView(live, copy(kernel.rebuild()), "a rebuild after concurrent runs");
        }
    }

    static ReadModelTables tables(H2Storage storage) {
        return new ReadModelTables(storage.store().connectionProvider(), storage.store().location());
    }

    static List<List<String>> checkpointRows(H2Storage storage) throws Exception {
        return RawDatabase.rows(storage.store().dataSource(),
                "SELECT event_position, UTF8TOSTRING(ownership) FROM wsk_checkpoint ORDER BY event_position");
    }
}
