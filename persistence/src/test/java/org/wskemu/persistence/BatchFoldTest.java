package org.wskemu.persistence;

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
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.ReadModelView;

/**
 * Invariant 3 for the read models each batch folds in its own transaction ({@link BatchFold}): right
 * after every batch, with no query in between, the tables are a fold of the committed log, whatever
 * the batch size and however many lanes write at once; nothing else is written per batch (no token,
 * no position row); a rebuild gives the same rows; the end of a run writes the timeline's checkpoints.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BatchFoldTest {

    static final long SEED = 0x1D1E_2026L;

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 256})
    void everyCommittedBatchLeavesTheFoldOfTheLog(int batchSize, @TempDir Path dir) throws Exception {
        AtomicLong handles = new AtomicLong();
        StoreLocation location = StoreLocation.directory(dir.resolve("store"));
        H2Storage storage = H2Storage.open(location);
        try (WskEmulator kernel = emulator(storage, handles)) {
            kernel.sessions().run(SessionRunner.Run.of("generated", generate(SEED, batchSize == 1 ? 300 : 1_200)).withBatchSize(batchSize));
            assertSameView(fold(kernel.log()), copy(tables(storage)), "the tables right after the run, before any query");
            assertEquals("0", RawDatabase.rows(storage.store().dataSource(),
                    "SELECT event_position FROM wsk_read_model_position").get(0).get(0), "no position row follows the log");
            assertEquals(List.of(), RawDatabase.rows(storage.store().dataSource(), "SELECT * FROM TokenEntry"), "no token");
            assertEquals(kernel.log().head(), tables(storage).position(), "the read models' position is the log's head");
            ReadModelView live = copy(kernel.readModels());
            assertSameView(live, copy(kernel.rebuild()), "a rebuild against the batches' fold");
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
        }
        // the end of the run (and the rebuild) wrote the checkpoints; each is the fold up to it
        try (H2Storage again = H2Storage.open(location); WskEmulator kernel = emulator(again, handles)) {
            if (kernel.log().head() > 2_000) {
                LogFoldTest.assertCheckpointsAreTheFold(kernel, again);
            }
            kernel.sessions().run(SessionRunner.Run.of("more", generateMore(SEED + 1, 200)));
            assertSameView(fold(kernel.log()), copy(tables(again)), "a second process's run goes on");
        }
    }

    @Test
    void lanesWritingAtOnceNeverSkipNorDoubleFoldAnEvent(@TempDir Path dir) throws Exception {
        AtomicLong handles = new AtomicLong();
        StoreLocation location = StoreLocation.directory(dir.resolve("store"));
        H2Storage storage = H2Storage.open(location);
        try (WskEmulator kernel = emulator(storage, handles)) {
            for (int round = 0; round < 2; round++) {
                List<CompletableFuture<?>> runs = new ArrayList<>();
                for (int writer = 0; writer < 3; writer++) {
                    long seed = SEED + 10 * round + writer;
                    int batch = 1 + writer * 5;
                    runs.add(CompletableFuture.runAsync(() -> kernel.sessions().run(
                            SessionRunner.Run.of("writer " + seed, generateMore(seed, 200)).withBatchSize(batch))));
                }
                for (CompletableFuture<?> run : runs) {
                    run.get(2, TimeUnit.MINUTES);
                }
                assertSameView(fold(kernel.log()), copy(tables(storage)), "round " + round + ": the tables against the log");
            }
            ReadModelView live = copy(kernel.readModels());
            assertEquals(live.decisions().size(), RestartTest.count(storage, "wsk_decision"), "no duplicate rows");
            assertSameView(live, copy(kernel.rebuild()), "a rebuild after the lanes");
        }
    }

    static ReadModelTables tables(H2Storage storage) {
        return new ReadModelTables(storage.store().connectionProvider(), storage.store().location());
    }
}
