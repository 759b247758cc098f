package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.generate;
import static org.wskemu.persistence.EngineSessions.generateMore;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;

/**
 * Readers of a PostgreSQL log while a writer's transaction is held open mid-run (issue #22): they
 * read only below the horizon (the oldest transaction still running), so they see neither the held
 * event nor the events committed after it, and every reader agrees on that set; once the held
 * transaction commits they see every event, the held one included, and a reader that stopped at the
 * earlier head goes on from it without passing over anything. No gap timeout is involved. A snapshot
 * ({@link JdbcTransactionManager#startSnapshot}) reads the whole committed state as it was when it
 * began, whatever commits meanwhile.
 */
@ExtendWith(PostgresCluster.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PostgresHorizonTest {

    @Test
    void readersSeeOnlyFinalEventsWhileATransactionIsHeldOpenAndEveryEventOnceItCommits() throws Exception {
        StoreLocation.Postgres location = (StoreLocation.Postgres) StoreLocation.parse(PostgresCluster.freshDatabaseWithCredentials());
        JdbcStorage storage = JdbcStorage.open(location);
        try (WskEmulator kernel = emulator(storage, new AtomicLong())) { // closes the storage too
            kernel.sessions().run(SessionRunner.Run.of("before", generate(5, 120)));
            EventLog log = kernel.log();
            List<Long> before = positions(log, 0);
            long headBefore = log.head();
            assertEquals(before.get(before.size() - 1), headBefore);

            try (Connection held = PostgresCluster.connect(location.database())) {
                held.setAutoCommit(false);
                long heldPosition = appendCopyOfFirstEvent(held); // in flight: a position handed out, not committed

                kernel.sessions().run(SessionRunner.Run.of("after", generateMore(6, 80))); // commits positions above the held one
                long committedAfter = count(location, "SELECT COUNT(*) FROM domainevententry WHERE globalindex > " + heldPosition);
                assertTrue(committedAfter > 0, "the second run committed events after the held position");

                assertEquals(before, positions(log, 0), "a reader sees only the events below the held transaction");
                EventChain.Report chain = storage.checkChain(new TreeSet<>());
                assertTrue(chain.ok(), () -> chain.firstBreak().orElseThrow());
                assertEquals(before.size(), chain.events(), "the digest check reads the same events");
                ByteArrayOutputStream export = new ByteArrayOutputStream();
                assertEquals(before.size(), StoreExport.write(storage.store(), export), "the export holds the same events");
                String header = export.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
                assertTrue(header.contains("\"events\":" + before.size() + ","), header);
                StoreLocation.Postgres copy = (StoreLocation.Postgres) StoreLocation.parse(PostgresCluster.freshDatabaseWithCredentials());
                StoreCopy.Copied copied = StoreCopy.copy(location, copy);
                assertEquals(before.size(), copied.events(), "the copy holds the same events");
                assertEquals(headBefore, copied.lastPosition());

                // a snapshot begun now reads the whole state committed now, and keeps it while the held one commits
                List<Long> committedNow = allPositions(location);
                org.axonframework.common.transaction.Transaction snapshot = storage.store().transactionManager().startSnapshot();
                try {
                    assertEquals(committedNow, positions(log, 0), "a snapshot reads every committed event, above the horizon too");
                    held.commit();
                    assertEquals(committedNow, positions(log, 0), "the snapshot stays as it began");
                    assertEquals(committedNow.get(committedNow.size() - 1), log.head());
                } finally {
                    snapshot.commit();
                }

                List<Long> all = positions(log, 0);
                assertEquals(allPositions(location), all, "once it commits, a reader sees every event, in position order");
                assertTrue(all.contains(heldPosition), "the held event is read");
                List<Long> rest = positions(log, headBefore);
                assertEquals(all.subList(before.size(), all.size()), rest,
                        "a reader that stopped at the earlier head goes on without passing over the held event");
                assertEquals(heldPosition, rest.get(0).longValue());
            }
        }
    }

    /** Inserts, in {@code held}'s transaction, a copy of the log's first event as a new aggregate's first. */
    private static long appendCopyOfFirstEvent(Connection held) throws Exception {
        EventChain.Row first;
        try (Statement statement = held.createStatement();
             ResultSet rs = statement.executeQuery("SELECT globalIndex, aggregateIdentifier, sequenceNumber, type, "
                     + "eventIdentifier, timeStamp, payloadType, payloadRevision, payload, metaData, digest "
                     + "FROM domainevententry ORDER BY globalIndex LIMIT 1")) {
            rs.next();
            first = EventChain.Row.read(rs);
        }
        EventChain.Row row = new EventChain.Row(0, "held-" + UUID.randomUUID(), 0, first.type(), UUID.randomUUID().toString(),
                first.timeStamp(), first.payloadType(), first.payloadRevision(), first.payload(), first.metaData(), null);
        try (PreparedStatement insert = held.prepareStatement("INSERT INTO domainevententry (aggregateIdentifier, "
                + "sequenceNumber, type, eventIdentifier, timeStamp, payloadType, payloadRevision, payload, metaData, digest) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING globalIndex")) {
            insert.setString(1, row.aggregateIdentifier());
            insert.setLong(2, 0);
            insert.setString(3, row.type());
            insert.setString(4, row.eventIdentifier());
            insert.setString(5, row.timeStamp());
            insert.setString(6, row.payloadType());
            insert.setString(7, row.payloadRevision());
            insert.setBytes(8, row.payload());
            insert.setBytes(9, row.metaData());
            insert.setBytes(10, EventChain.digest(EventChain.ZERO, row));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Long> positions(EventLog log, long after) {
        try (Stream<LoggedEvent> events = log.readAfter(after)) {
            return events.map(LoggedEvent::position).toList();
        }
    }

    private static List<Long> allPositions(StoreLocation.Postgres location) throws Exception {
        List<Long> positions = new ArrayList<>();
        try (Connection raw = PostgresCluster.connect(location.database()); Statement statement = raw.createStatement();
             ResultSet rs = statement.executeQuery("SELECT globalindex FROM domainevententry ORDER BY globalindex")) {
            while (rs.next()) {
                positions.add(rs.getLong(1));
            }
        }
        return positions;
    }

    private static long count(StoreLocation.Postgres location, String sql) throws Exception {
        try (Connection raw = PostgresCluster.connect(location.database()); Statement statement = raw.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
