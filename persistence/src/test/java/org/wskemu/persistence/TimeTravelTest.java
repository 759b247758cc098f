package org.wskemu.persistence;

import org.wskemu.engine.SessionRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.events;
import static org.wskemu.persistence.EngineSessions.generate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.readmodel.ReadModelView;

/**
 * The timeline on H2 with checkpoints every 50 events: the state at a position equals folding the
 * log from its start up to it, checkpoints are kept in the store, and a new emulator on the store
 * answers the same.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TimeTravelTest {

    static final long SEED = 0x7141_2026L;
    static final int INTERVAL = 50;
    /** Above this many positions a fixed-seed sample (plus every checkpoint's neighbours) is checked. */
    static final int EVERY_POSITION_UP_TO = 2_000;

    @TempDir
    Path temp;

    @Test
    void theStateAtEachPositionIsTheFoldOfTheLogUpToItAndSurvivesReopening() throws Exception {
        StoreLocation location = StoreLocation.directory(temp.resolve("store"));
        AtomicLong handles = new AtomicLong();
        Map<Long, EngineSessions.Rows> answers = new LinkedHashMap<>();
        long head;
        H2Storage storage = H2Storage.open(location);
        try (WskEmulator kernel = WskEmulator.builder().storage(storage).socketIds(handles::incrementAndGet)
                .checkpointInterval(INTERVAL).build()) {
            kernel.sessions().run(SessionRunner.Run.of("generated", generate(SEED, 1_200)));
            List<LoggedEvent> log = events(kernel.log());
            head = kernel.log().head();
            assertTrue(log.size() > 8 * INTERVAL, "enough events for many checkpoints: " + log.size());
            TreeSet<Long> checked = positionsToCheck(log);

            // one pass over the log: the fold after the event at p is the fold of (0, p]
            InMemoryReadModels folded = new InMemoryReadModels();
            assertSameView(folded, kernel.timeline().at(0), "at 0");
            for (LoggedEvent event : log) {
                folded.fold(event);
                if (checked.contains(event.position())) {
                    ReadModelView at = copy(kernel.timeline().at(event.position()));
                    assertEquals(folded.ownership(), at.ownership(), "ownership at " + event.position());
                    assertSameView(folded, at, "at " + event.position());
                    answers.put(event.position(), copy(at));
                }
            }
            // spot checks through EventLog.read(0, p), as the definition says
            for (long p : List.of(1L, (long) INTERVAL, INTERVAL + 1L, head / 2, head)) {
                assertEquals(EngineSessions.fold(kernel.log(), p).ownership(), kernel.timeline().at(p).ownership(), "at " + p);
            }
            assertThrows(IllegalArgumentException.class, () -> kernel.timeline().at(head + 10), "beyond the head is refused");

            // the end of the run wrote the store's checkpoints (one per 1,000 positions), while the engine is
            // still open; the seeks above kept theirs (every 50) in memory
            assertTrue(head >= org.wskemu.engine.timeline.Timeline.DEFAULT_CHECKPOINT_INTERVAL, "a run past one interval: " + head);
            assertEquals(head / org.wskemu.engine.timeline.Timeline.DEFAULT_CHECKPOINT_INTERVAL,
                    RestartTest.count(storage, "wsk_checkpoint"), "the run's checkpoints, written as it ended, and no seek's");
        }
        try (H2Store store = H2Store.open(location)) {
            // the end of the run wrote them, one per interval of the store's own (1,000 positions)
            assertEquals(head / org.wskemu.engine.timeline.Timeline.DEFAULT_CHECKPOINT_INTERVAL,
                    Long.parseLong(RawDatabase.rows(store.dataSource(), "SELECT COUNT(*) FROM wsk_checkpoint").get(0).get(0)),
                    "the run's checkpoints");
        }

        try (WskEmulator kernel = WskEmulator.builder().storage(H2Storage.open(location))
                .socketIds(handles::incrementAndGet).checkpointInterval(INTERVAL).build()) {
            // backwards, from the stored checkpoints: every fourth position checked before, and the last
            List<Long> backwards = new ArrayList<>(answers.keySet());
            Collections.reverse(backwards);
            for (int i = 0; i < backwards.size(); i += i == 0 ? 1 : 4) {
                long p = backwards.get(i);
                assertSameView(answers.get(p), kernel.timeline().at(p), "after reopening, at " + p);
            }
        }
    }

    /** Every position if there are few; else the neighbours of every checkpoint and a seeded sample. */
    private static TreeSet<Long> positionsToCheck(List<LoggedEvent> log) {
        TreeSet<Long> positions = new TreeSet<>();
        if (log.size() <= EVERY_POSITION_UP_TO) {
            log.forEach(e -> positions.add(e.position()));
            return positions;
        }
        for (int i = INTERVAL - 1; i < log.size(); i += INTERVAL) {
            for (int j = Math.max(0, i - 1); j <= Math.min(log.size() - 1, i + 1); j++) {
                positions.add(log.get(j).position());
            }
        }
        Random random = new Random(SEED);
        while (positions.size() < EVERY_POSITION_UP_TO) {
            positions.add(log.get(random.nextInt(log.size())).position());
        }
        positions.add(log.get(log.size() - 1).position());
        return positions;
    }
}
