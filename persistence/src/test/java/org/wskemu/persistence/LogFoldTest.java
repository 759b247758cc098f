package org.wskemu.persistence;

import org.wskemu.engine.SessionRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.fold;
import static org.wskemu.persistence.EngineSessions.generate;
import static org.wskemu.persistence.EngineSessions.generateMore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.Projector;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.readmodel.ReadModelView;

/**
 * Invariant 3 for the fold straight from the event table: a rebuild, and the one fold of a store whose
 * read models an older wskemu left behind its log, in batches small enough that sockets and bindings
 * live across batches, give the rows of an in-memory fold of the log and timeline checkpoints that are
 * the fold's bindings at their positions; the batches of later runs go on from there.
 */
@Tag("slow")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LogFoldTest {

    static final long SEED = 0xF01D_2026L;

    @Test
    void aBacklogAnOlderWskemuLeftIsFoldedOnceByTheNextWriter(@TempDir Path dir) throws Exception {
        AtomicLong handles = new AtomicLong();
        StoreLocation location = StoreLocation.directory(dir.resolve("store"));
        try (WskEmulator kernel = emulator(H2Storage.open(location), handles)) {
            kernel.sessions().run(SessionRunner.Run.of("generated", generate(SEED, 4_500)));
        }
        leaveBehind(location);
        H2Storage second = H2Storage.open(location);
        second.jdbc().foldBatch = 97;
        try (WskEmulator kernel = emulator(second, handles)) {
            ReadModelView live = copy(BatchFoldTest.tables(second));
            assertSameView(fold(kernel.log()), live, "folded once when the writer opened it");
            assertCheckpointsAreTheFold(kernel, second);

            kernel.sessions().run(SessionRunner.Run.of("more", generateMore(SEED + 1, 300)));
            ReadModelView more = copy(kernel.readModels());
            assertSameView(fold(kernel.log()), more, "the batches went on from the fold");
            assertEquals(more.decisions().size(), RestartTest.count(second, "wsk_decision"), "no duplicate rows");

            ReadModelView rebuilt = copy(kernel.rebuild());
            assertSameView(more, rebuilt, "rebuild against live");
            assertEquals(rebuilt.decisions().size(), kernel.rebuild().decisionCount(), "counted in SQL");
            assertCheckpointsAreTheFold(kernel, second);
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
        }
    }

    /** The store as an older wskemu left it after a run whose read models were left to fold later. */
    static void leaveBehind(StoreLocation location) throws Exception {
        try (H2Store store = H2Store.open(location);
             Connection connection = store.dataSource().getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            for (String table : ReadModelTables.TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
            statement.executeUpdate("UPDATE wsk_read_model_position SET event_position = 0, folded_inline = FALSE");
        }
    }

    /**
     * The fold reads and decodes the log on a thread of its own (issue #15): an event that cannot be
     * read, pages after the first, fails the rebuild with the same damage, naming its position, and
     * the reading thread ends with it.
     */
    @Test
    void anEventThatCannotBeReadFailsTheRebuildAndTheReadingThreadEnds(@TempDir Path dir) throws Exception {
        H2Storage storage = H2Storage.open(StoreLocation.directory(dir.resolve("store")));
        try (WskEmulator kernel = emulator(storage, new AtomicLong())) {
            kernel.sessions().run(SessionRunner.Run.of("generated", generate(SEED, 4_500)));
            long position = Long.parseLong(RawDatabase.rows(storage.store().dataSource(),
                    "SELECT MAX(globalIndex) FROM DomainEventEntry WHERE payloadType = '"
                            + SocketCreated.class.getName() + "'").get(0).get(0));
            long before = Long.parseLong(RawDatabase.rows(storage.store().dataSource(),
                    "SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex < " + position + " AND payloadType IN ("
                            + Projector.CHANGING.stream().map(t -> "'" + t.getName() + "'")
                            .collect(Collectors.joining(",")) + ")").get(0).get(0));
            assertTrue(before > 2_000, "the damaged event is a page after the first: " + before);
            try (Connection connection = storage.store().dataSource().getConnection();
                 PreparedStatement write = connection.prepareStatement(
                         "UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?")) {
                write.setBytes(1, "{\"socket\":{\"value\":1}}".getBytes(StandardCharsets.UTF_8));
                write.setLong(2, position);
                assertEquals(1, write.executeUpdate());
            }

            StoreException refused = assertThrows(StoreException.class, kernel::rebuild);

            assertEquals(StoreException.Reason.DAMAGED, refused.reason());
            assertTrue(refused.getMessage().contains("the event at position " + position + " cannot be read: "),
                    refused.getMessage());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (readingThreads() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, readingThreads(), "the reading thread ended");
        }
    }

    private static long readingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("wskemu-log-read-ahead")).count();
    }

    /** Every checkpoint holds the bindings of a fold of the log up to its position. */
    static void assertCheckpointsAreTheFold(WskEmulator kernel, H2Storage storage) throws Exception {
        var positions = RawDatabase.rows(storage.store().dataSource(),
                "SELECT event_position FROM wsk_checkpoint ORDER BY event_position");
        assertTrue(positions.size() >= 3, "checkpoints were written: " + positions.size());
        JdbcCheckpoints checkpoints = new JdbcCheckpoints(new ReadModelTables(storage.store().connectionProvider(),
                storage.store().location()), org.wskemu.engine.EngineJackson::mapper, false);
        for (var row : positions) {
            long position = Long.parseLong(row.get(0));
            InMemoryReadModels expected = fold(kernel.log(), position);
            assertEquals(expected.ownership(), checkpoints.atOrBefore(position).orElseThrow().ownership(),
                    "the checkpoint at " + position);
        }
    }
}
