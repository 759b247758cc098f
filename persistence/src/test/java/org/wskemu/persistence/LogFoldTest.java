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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.Projector;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.readmodel.ReadModelView;

/**
 * Invariant 3 for the fold straight from the event table (issue #15): a rebuild and the catch-up of a
 * large backlog, in batches small enough that sockets and bindings live across batches, give the rows
 * of an in-memory fold of the log, timeline checkpoints that are the fold's bindings at their
 * positions, and a processor token from which the processor goes on without folding anything twice.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LogFoldTest {

    static final long SEED = 0xF01D_2026L;

    @Test
    void aBacklogIsFoldedFromTheTableAndTheProcessorGoesOnFromThere(@TempDir Path dir) throws Exception {
        AtomicLong handles = new AtomicLong();
        StoreLocation location = StoreLocation.directory(dir.resolve("store"));
        H2Storage first = H2Storage.open(location);
        first.jdbc().inlineProjection = false; // a backlog: the run leaves the read models to the catch-up
        try (WskEmulator kernel = emulator(first, handles)) {
            kernel.sessions().run(SessionRunner.Run.of("generated", generate(SEED, 4_500))); // read models never asked for
        }
        H2Storage second = H2Storage.open(location);
        second.jdbc().foldBatch = 97;
        try (WskEmulator kernel = emulator(second, handles)) {
            long head = kernel.log().head();
            assertTrue(head - TrackedReadModels.FOLD_BACKLOG > 0, "a backlog long enough to fold: " + head);
            assertEquals(0, RestartTest.count(second, "wsk_decision"), "nothing folded before the query");

            ReadModelView live = copy(kernel.readModels());

            assertSameView(fold(kernel.log()), live, "caught up against a fold of the log");
            assertEquals(head, RestartTest.tokenIndex(second), "the token is at the head");
            assertCheckpointsAreTheFold(kernel, second);

            kernel.sessions().run(SessionRunner.Run.of("more", generateMore(SEED + 1, 300)));
            ReadModelView more = copy(kernel.readModels());
            assertSameView(fold(kernel.log()), more, "the processor went on from the fold's token");
            assertEquals(more.decisions().size(), RestartTest.count(second, "wsk_decision"), "no duplicate rows");

            ReadModelView rebuilt = copy(kernel.rebuild());
            assertSameView(more, rebuilt, "rebuild against live");
            assertEquals(kernel.log().head(), RestartTest.tokenIndex(second), "the rebuild's token is at the head");
            assertEquals(rebuilt.decisions().size(), kernel.rebuild().decisionCount(), "counted in SQL");
            assertCheckpointsAreTheFold(kernel, second);

            kernel.sessions().run(SessionRunner.Run.of("after the rebuild", generateMore(SEED + 2, 300)));
            assertSameView(fold(kernel.log()), copy(kernel.readModels()), "the processor went on after the rebuild");
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
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
        JdbcCheckpoints checkpoints = (JdbcCheckpoints) storage.checkpoints(null);
        for (var row : positions) {
            long position = Long.parseLong(row.get(0));
            InMemoryReadModels expected = fold(kernel.log(), position);
            assertEquals(expected.ownership(), checkpoints.atOrBefore(position).orElseThrow().ownership(),
                    "the checkpoint at " + position);
        }
    }
}
