package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.generate;
import static org.wskemu.persistence.EngineSessions.generateMore;
import static org.wskemu.persistence.EngineSessions.process;
import static org.wskemu.persistence.EngineSessions.thread;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.session.SessionCall;

/**
 * Each run's high-water mark (issue #27): the position of the last event its batches committed, kept
 * in {@code wsk_run_mark} with each batch, whatever the batch size; a log cut below a run's mark is a
 * loss {@link LogLoss} names, even when the events cut left nothing in the read models.
 */
class RunMarkTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 256})
    void eachRunsMarkIsThePositionOfItsLastCommittedEvent(int batchSize, @TempDir Path dir) throws Exception {
        H2Storage storage = H2Storage.open(StoreLocation.directory(dir.resolve("store")));
        try (WskEmulator kernel = emulator(storage, new AtomicLong())) {
            kernel.sessions().run(SessionRunner.Run.of("first", generate(0x3A2CL, 300)).withBatchSize(batchSize));
            kernel.sessions().run(SessionRunner.Run.of("second", generateMore(0x3A2DL, 120)).withBatchSize(batchSize));
            Map<Long, Long> lastByRun = new TreeMap<>();
            try (Stream<LoggedEvent> events = kernel.log().read(0, Long.MAX_VALUE)) {
                events.filter(e -> e.run() != null).forEach(e -> lastByRun.merge(e.run(), e.position(), Math::max));
            }
            assertEquals(2, lastByRun.size(), "two runs in the log: " + lastByRun);
            assertEquals(lastByRun, marks(storage), "each run's mark is its last event's position");
            assertEquals(Optional.empty(), LogLoss.find(storage.store()), "an intact store has no loss");
        }
    }

    @Test
    void aCutThatLeftNothingInTheReadModelsIsNamedByTheRunsMark(@TempDir Path dir) throws Exception {
        H2Storage storage = H2Storage.open(StoreLocation.directory(dir.resolve("store")));
        try (WskEmulator kernel = emulator(storage, new AtomicLong())) {
            List<SessionCall> declarations = new ArrayList<>();
            for (int pid = 10; pid < 40; pid++) {
                declarations.add(process(pid, "SY"));
                declarations.add(thread(pid * 10L, pid, null));
            }
            kernel.sessions().run(SessionRunner.Run.of("declarations", declarations).withBatchSize(8));
            long head = kernel.log().head();
            try (Connection connection = storage.store().dataSource().getConnection();
                 PreparedStatement cut = connection.prepareStatement("DELETE FROM DomainEventEntry WHERE globalIndex > ?")) {
                cut.setLong(1, head - 5);
                assertEquals(5, cut.executeUpdate());
            }
            String loss = LogLoss.find(storage.store()).orElseThrow(() -> new AssertionError("the cut is not named"));
            assertEquals("the log ends at position " + (head - 5) + ", yet the high-water mark of run 1 (" + head
                    + ") saw events up to position " + head + ": events were removed from its end; restore the store "
                    + "from a backup (a rebuild would fold the shorter log and erase this evidence)", loss);
            assertFalse(loss.contains("read models"), loss);

            LogLoss.accept(storage.store());
            assertEquals(Optional.empty(), LogLoss.find(storage.store()), "an accepted loss is not named again");
            assertEquals(Map.of(1L, head - 5), marks(storage));
        }
    }

    @Test
    void aStoreWithoutRunsHasNoMarks(@TempDir Path dir) throws Exception {
        H2Storage storage = H2Storage.open(StoreLocation.directory(dir.resolve("store")));
        try (WskEmulator kernel = emulator(storage, new AtomicLong())) {
            assertTrue(marks(storage).isEmpty());
            assertEquals(Optional.empty(), LogLoss.find(storage.store()));
        }
    }

    private static Map<Long, Long> marks(H2Storage storage) throws Exception {
        Map<Long, Long> marks = new TreeMap<>();
        for (List<String> row : RawDatabase.rows(storage.store().dataSource(), "SELECT run, last_position FROM wsk_run_mark")) {
            marks.put(Long.parseLong(row.get(0)), Long.parseLong(row.get(1)));
        }
        return marks;
    }
}
