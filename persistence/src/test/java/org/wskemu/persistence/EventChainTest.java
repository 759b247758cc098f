package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The digest chain (issue #17): written at append, and every change to an event's stored bytes,
 * made through JDBC or with H2's own SQL into another valid value, is named at its position.
 */
@Tag("slow")
class EventChainTest {

    private static final int COUNTERS = 4;
    private static final int INCREMENTS = 12;
    private static final int TRIALS = 300;

    /** Appends {@code COUNTERS} counters' streams, interleaved, in batches of several events. */
    static void fill(JdbcStore store) {
        try (CounterApp app = CounterApp.start(AxonJdbcStorage.on(store))) {
            for (int c = 0; c < COUNTERS; c++) {
                app.gateway().sendAndWait(new Counter.Create("c" + c));
            }
            for (int i = 0; i < INCREMENTS; i++) {
                for (int c = 0; c < COUNTERS; c++) {
                    app.gateway().sendAndWait(new Counter.Increment("c" + c, i + 1));
                }
            }
        }
    }

    @Test
    void everyEventIsDigestedAndTheChainHolds() throws Exception {
        try (H2Store store = H2Store.open(StoreLocation.memory())) {
            fill(store);
            EventChain.Report report = EventChain.check(store, new TreeSet<>(List.of(4L, 1_000L)));
            long events = COUNTERS * (INCREMENTS + 1L);
            assertEquals(events, report.events());
            assertEquals(events, report.digested());
            assertTrue(report.ok(), () -> report.firstBreak().orElseThrow());
            assertEquals(report.head(), report.headsAt().get(1_000L));
            assertNotEquals(report.head(), report.headsAt().get(4L));
            assertEquals(List.of(List.of("0")), RawDatabase.rows(store.dataSource(),
                    "SELECT COUNT(*) FROM DomainEventEntry WHERE digest IS NULL OR OCTET_LENGTH(digest) <> 32"));
        }
    }

    /** One change to one stored event, and how to undo it. */
    private record Change(String what, String sql, Object value) {
    }

    @Test
    void everyRandomChangeToAStoredEventIsNamedAtItsPosition() throws Exception {
        Random random = new Random(17);
        try (H2Store store = H2Store.open(StoreLocation.memory())) {
            fill(store);
            String head = EventChain.check(store, new TreeSet<>()).head();
            long events = COUNTERS * (INCREMENTS + 1L);
            int caught = 0;
            List<String> unseen = new ArrayList<>();
            for (int trial = 0; trial < TRIALS; trial++) {
                long position = 1 + random.nextInt((int) events);
                Change change = change(store.dataSource(), position, random);
                List<Object> before = row(store.dataSource(), position);
                update(store.dataSource(), change.sql(), change.value(), position);
                EventChain.Report report = EventChain.check(store, new TreeSet<>());
                if (!report.ok() && report.firstBreak().orElseThrow().startsWith("the event at position " + position + " ")) {
                    caught++;
                } else {
                    unseen.add(change.what() + " at " + position + ": " + report.firstBreak());
                }
                restore(store.dataSource(), position, before);
                assertTrue(EventChain.check(store, new TreeSet<>()).ok(), "restored " + change.what());
            }
            assertEquals(List.of(), unseen);
            assertEquals(TRIALS, caught);
            assertEquals(head, EventChain.check(store, new TreeSet<>()).head());
        }
    }

    @Test
    void aRemovedEventBreaksTheNextOfItsAggregateAndARemovedLastEventChangesTheHead() throws Exception {
        try (H2Store store = H2Store.open(StoreLocation.memory())) {
            fill(store);
            String head = EventChain.check(store, new TreeSet<>()).head();
            try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                // c1's sequence 3 (position 14); its sequence 4 is at 18
                statement.executeUpdate("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'c1' AND sequenceNumber = 3");
            }
            EventChain.Report report = EventChain.check(store, new TreeSet<>());
            assertTrue(report.firstBreak().orElseThrow().startsWith("the event at position 18 (aggregate 'c1', sequence 4)"),
                    report.firstBreak()::orElseThrow);
            try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'c1' AND sequenceNumber > 2");
            }
            EventChain.Report cut = EventChain.check(store, new TreeSet<>());
            assertTrue(cut.ok()); // a stream cut at its end links as before: only the published head shows it
            assertNotEquals(head, cut.head());
        }
    }

    @Test
    void eventsFromBeforeTheChainAreAPrefixAndAnErasedDigestAfterItIsNamed() throws Exception {
        try (H2Store store = H2Store.open(StoreLocation.memory())) {
            fill(store);
            try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE DomainEventEntry SET digest = NULL"); // as a store from before V3
                statement.executeUpdate("DROP TABLE wskemu_chain"); // and before V4 recorded where its chain begins
            }
            try (CounterApp app = CounterApp.start(AxonJdbcStorage.on(store))) {
                app.gateway().sendAndWait(new Counter.Increment("c1", 1)); // links to an undigested event
                app.gateway().sendAndWait(new Counter.Create("c9"));
                app.gateway().sendAndWait(new Counter.Increment("c9", 1));
            }
            EventChain.Report report0 = EventChain.check(store, new TreeSet<>());
            assertEquals(3, report0.digested());
            assertTrue(EventChain.check(store, new TreeSet<>()).ok());
            try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE DomainEventEntry SET digest = NULL WHERE globalIndex = 54");
            }
            EventChain.Report report = EventChain.check(store, new TreeSet<>());
            assertTrue(report.firstBreak().orElseThrow().startsWith("the event at position 54 has no digest"),
                    report.firstBreak()::orElseThrow);
        }
    }

    @Test
    void everyDigestErasedIsNamedOnAStoreThatRecordsWhereItsChainBegins() throws Exception {
        try (H2Store store = H2Store.open(StoreLocation.memory())) {
            fill(store);
            try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE DomainEventEntry SET digest = NULL");
            }
            EventChain.Report report = EventChain.check(store, new TreeSet<>());
            assertEquals(0, report.digested());
            assertEquals("the event at position 1 has no digest, yet its digest chain covers every event after "
                    + "position 0 (its digest was erased, or the event was added without one)", report.firstBreak().orElseThrow());
        }
    }

    @Test
    void aDeletedChainStartIsNamed() throws Exception {
        try (H2Store store = H2Store.open(StoreLocation.memory())) {
            fill(store);
            try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM wskemu_chain");
            }
            EventChain.Report report = EventChain.check(store, new TreeSet<>());
            assertEquals("the record of where its digest chain begins was deleted (every store since schema version 4 "
                    + "has one)", report.firstBreak().orElseThrow());
        }
    }

    @Test
    void anUpgradedStoreChainsFromItsFirstDigestedEvent() throws Exception {
        try (H2Store store = H2Store.open(StoreLocation.memory())) {
            fill(store);
            try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE DomainEventEntry SET digest = NULL"); // as a store from before V3
                statement.executeUpdate("DROP TABLE wskemu_chain");
            }
            long before = COUNTERS * (INCREMENTS + 1L);
            try (CounterApp app = CounterApp.start(AxonJdbcStorage.on(store))) {
                app.gateway().sendAndWait(new Counter.Create("c9")); // the chain begins here, after the upgrade to V3
                app.gateway().sendAndWait(new Counter.Increment("c9", 1));
            }
            try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                // the V4 migration's own statements, as they run on an older store
                String v4 = new String(EventChainTest.class.getResourceAsStream("/db/migration/wskemu/V4__chain_start.sql")
                        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
                for (String sql : v4.split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
            assertEquals(List.of(List.of(Long.toString(before))),
                    RawDatabase.rows(store.dataSource(), "SELECT chain_from FROM wskemu_chain"));
            assertTrue(EventChain.check(store, new TreeSet<>()).ok());
            assertEquals(before, EventChain.check(store, new TreeSet<>()).chainFrom());
            try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE DomainEventEntry SET digest = NULL WHERE globalIndex > " + before);
            }
            assertTrue(EventChain.check(store, new TreeSet<>()).firstBreak().orElseThrow()
                    .startsWith("the event at position " + (before + 1) + " has no digest"));
        }
    }

    private static Change change(DataSource data, long position, Random random) throws Exception {
        int kind = random.nextInt(9);
        List<Object> row = row(data, position);
        byte[] payload = (byte[]) row.get(0);
        byte[] metaData = (byte[]) row.get(1);
        String time = (String) row.get(2);
        return switch (kind) {
            case 0 -> new Change("payload bit", "UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?",
                    flip(payload, random));
            case 1 -> new Change("metadata bit", "UPDATE DomainEventEntry SET metaData = ? WHERE globalIndex = ?",
                    flip(metaData, random));
            case 2 -> new Change("time bit", "UPDATE DomainEventEntry SET timeStamp = ? WHERE globalIndex = ?",
                    new String(flip(time.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), random),
                            java.nio.charset.StandardCharsets.ISO_8859_1));
            // H2's own SQL, into another valid value
            case 3 -> new Change("time, a valid other instant", "UPDATE DomainEventEntry SET timeStamp = "
                    + "REPLACE(timeStamp, 'Z', '1Z') WHERE globalIndex = ? AND ? IS NOT NULL", 0);
            case 4 -> new Change("payload, another valid JSON", "UPDATE DomainEventEntry SET payload = "
                    + "STRINGTOUTF8(REPLACE(UTF8TOSTRING(payload), '\"c', '\"d')) WHERE globalIndex = ? AND ? IS NOT NULL", 0);
            case 5 -> new Change("payload type", "UPDATE DomainEventEntry SET payloadType = payloadType || 'X' "
                    + "WHERE globalIndex = ? AND ? IS NOT NULL", 0);
            case 6 -> new Change("event identifier", "UPDATE DomainEventEntry SET eventIdentifier = "
                    + "REPLACE(eventIdentifier, '-', '+') WHERE globalIndex = ? AND ? IS NOT NULL", 0);
            case 7 -> new Change("digest bit", "UPDATE DomainEventEntry SET digest = ? WHERE globalIndex = ?",
                    flip((byte[]) row.get(3), random));
            default -> new Change("metadata, another valid JSON", "UPDATE DomainEventEntry SET metaData = "
                    + "STRINGTOUTF8('{\"traceId\":\"x\"}') WHERE globalIndex = ? AND ? IS NOT NULL", 0);
        };
    }

    private static byte[] flip(byte[] bytes, Random random) {
        byte[] changed = bytes.clone();
        int at = random.nextInt(changed.length);
        changed[at] ^= (byte) (1 << random.nextInt(8));
        return changed;
    }

    private static List<Object> row(DataSource data, long position) throws Exception {
        try (Connection connection = data.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT payload, metaData, timeStamp, digest, "
                     + "payloadType, eventIdentifier FROM DomainEventEntry WHERE globalIndex = ?")) {
            statement.setLong(1, position);
            try (ResultSet rs = statement.executeQuery()) {
                assertTrue(rs.next());
                return List.of(rs.getBytes(1), rs.getBytes(2), rs.getString(3), rs.getBytes(4), rs.getString(5),
                        rs.getString(6));
            }
        }
    }

    private static void update(DataSource data, String sql, Object value, long position) throws Exception {
        try (Connection connection = data.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            if (sql.endsWith("AND ? IS NOT NULL")) {
                statement.setLong(1, position);
                statement.setObject(2, value);
            } else {
                statement.setObject(1, value);
                statement.setLong(2, position);
            }
            assertEquals(1, statement.executeUpdate(), sql);
        }
    }

    private static void restore(DataSource data, long position, List<Object> row) throws Exception {
        try (Connection connection = data.getConnection();
             PreparedStatement statement = connection.prepareStatement("UPDATE DomainEventEntry SET payload = ?, "
                     + "metaData = ?, timeStamp = ?, digest = ?, payloadType = ?, eventIdentifier = ? WHERE globalIndex = ?")) {
            for (int i = 0; i < row.size(); i++) {
                statement.setObject(i + 1, row.get(i));
            }
            statement.setLong(row.size() + 1, position);
            assertEquals(1, statement.executeUpdate());
        }
    }
}
