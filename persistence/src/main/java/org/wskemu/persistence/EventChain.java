package org.wskemu.persistence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * The digest chain over the event log (issue #17, tamper evidence).
 *
 * <p><b>Design.</b> Each event row carries {@code digest = SHA-256(tag, previous, aggregateIdentifier,
 * sequenceNumber, type, eventIdentifier, timeStamp, payloadType, payloadRevision, payload, metaData)}
 * over the bytes as stored (each field length-prefixed, so no two rows encode alike), where
 * {@code previous} is the digest of the same aggregate's event at {@code sequenceNumber - 1} (32 zero
 * bytes at sequence 0, or when that event predates the chain). The chain is per aggregate, so it
 * needs no global lock: Axon serialises each aggregate's appends (the writer loaded the aggregate up
 * to {@code n - 1}, committed, before appending {@code n}; two writers of {@code n} collide on the
 * unique key and one is rolled back), on H2 and on PostgreSQL with many writers alike. The digest is
 * computed by this class's insert statement, so it is written in the same statement (and
 * transaction) as the event.
 *
 * <p><b>The head digest</b> at a position P is {@code SHA-256} folded over the digests of every
 * digested event at or below P in position order ({@code head = SHA-256(head, digest)}, starting from
 * 32 zero bytes). It is one value an auditor can publish (history --runs shows it at each run's end)
 * and later recompute: any change, removal or insertion of an event at or below P changes it, even
 * one that recomputes every per-event digest (the chain has no key).
 *
 * <p>[emulator choice] Events written before the digest column existed keep no digest: the chain
 * starts at the first digested event, and an undigested event after it is damage (a digest erased).
 * On PostgreSQL, a position still uncommitted when the head is computed is not in it; the head at P
 * is final once every writer that was running at P has ended.
 */
public final class EventChain {

    /** The digest of the event before the first of an aggregate. */
    static final byte[] ZERO = new byte[32];
    private static final byte[] TAG = "wskemu event digest v1".getBytes(StandardCharsets.UTF_8);
    private static final int PAGE = 2_000;
    private static final String INSERT = "INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, "
            + "sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, metaData, digest) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PREVIOUS = "SELECT digest FROM DomainEventEntry "
            + "WHERE aggregateIdentifier = ? AND sequenceNumber = ?";
    private static final String READ = "SELECT globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
            + "timeStamp, payloadType, payloadRevision, payload, metaData, digest FROM DomainEventEntry "
            + "WHERE globalIndex > ?";
    private static final String ORDER = " ORDER BY globalIndex LIMIT " + PAGE;

    private EventChain() {
    }

    /**
     * Axon's insert of appended events, with each event's digest: the same columns and values as
     * Axon's own {@code JdbcEventStorageEngineStatements.appendEvents} (a non-domain event is stored
     * under its own identifier at sequence 0 with no type, as Axon does), plus the digest.
     */
    static AppendEventsStatementBuilder appendStatement() {
        return appendStatement(new Digests(Digests.DEFAULT_CAPACITY));
    }

    /**
     * As {@link #appendStatement()}, the digests of committed events kept in {@code committed}, so
     * the digest an aggregate's next event chains from is read from the table only when that
     * aggregate's last event was not appended (and committed) through it (issue #15).
     */
    static AppendEventsStatementBuilder appendStatement(Digests committed) {
        return appendStatement(committed, null);
    }

    /**
     * As {@link #appendStatement(Digests)}; with {@code positions} (PostgreSQL), a batch's events go to
     * the server as multi-row {@code INSERT}s that return the positions they were given
     * ({@link MultiRowInsert}), kept in {@code positions} once the transaction commits.
     */
    static AppendEventsStatementBuilder appendStatement(Digests committed, AppendedPositions positions) {
        return appendStatement(committed, positions, () -> { });
    }

    /**
     * As {@link #appendStatement(Digests, AppendedPositions)}, {@code beforeAppend} run before the
     * events draw their positions (the embedded store's order of appends,
     * {@link JdbcTransactionManager#orderAppend}).
     */
    static AppendEventsStatementBuilder appendStatement(Digests committed, AppendedPositions positions,
                                                       Runnable beforeAppend) {
        return (connection, schema, dataType, events, serializer, timestampWriter) -> {
            beforeAppend.run();
            return append(connection, events, serializer, committed, positions);
        };
    }

    /**
     * The digests of the last events this storage appended and saw committed, per aggregate
     * (issue #15: one {@code SELECT} per aggregate and batch was 7 % of a run's CPU). An entry is only
     * ever a committed row's digest, which never changes; it is used only for the event right after it
     * ({@code sequence - 1} equal), so an aggregate another writer appended to meanwhile misses (its
     * sequence moved on) and is read from the table, as before. The digests of a transaction enter
     * after its commit (Axon's root unit of work's after-commit) and are dropped on its rollback; an
     * append outside a unit of work keeps nothing. Bounded: the least recently appended aggregates go.
     */
    static final class Digests {
        /** Aggregates kept by default, as many as the engine's aggregate cache holds per type. */
        static final int DEFAULT_CAPACITY = 50_000;

        private record Last(long sequence, byte[] digest) {
        }

        private final Map<String, Last> entries;

        Digests(int capacity) {
            this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Last> eldest) {
                    return size() > capacity;
                }
            };
        }

        /** The committed digest of {@code aggregate} at {@code sequence}, or null when not kept. */
        synchronized byte[] at(String aggregate, long sequence) {
            Last last = entries.get(aggregate);
            return last != null && last.sequence() == sequence ? last.digest() : null;
        }

        synchronized void committed(Map<String, Long> sequences, Map<String, byte[]> digests) {
            sequences.forEach((aggregate, sequence) -> entries.put(aggregate, new Last(sequence, digests.get(aggregate))));
        }

        /** Keeps a transaction's last digests per aggregate once it has committed. */
        void afterCommit(Map<String, Long> sequences, Map<String, byte[]> digests) {
            if (!CurrentUnitOfWork.isStarted()) {
                return; // no unit of work to tell the commit: keep nothing
            }
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (root.phase().isAfter(UnitOfWork.Phase.PREPARE_COMMIT)) {
                return;
            }
            root.afterCommit(u -> committed(sequences, digests));
        }
    }

    private static PreparedStatement append(Connection connection, List<? extends EventMessage<?>> events,
                                            Serializer serializer, Digests committed, AppendedPositions positions)
            throws SQLException {
        Map<String, byte[]> last = new HashMap<>(); // the batch's own earlier events, per aggregate
        Map<String, Long> lastSequence = new HashMap<>();
        List<Row> rows = positions == null ? null : new ArrayList<>(events.size());
        PreparedStatement statement = positions == null ? connection.prepareStatement(INSERT) : null;
        try {
            for (EventMessage<?> event : events) {
                String aggregate;
                long sequence;
                String type;
                if (event instanceof DomainEventMessage<?> domain) {
                    aggregate = domain.getAggregateIdentifier();
                    sequence = domain.getSequenceNumber();
                    type = domain.getType();
                } else {
                    aggregate = event.getIdentifier();
                    sequence = 0;
                    type = null;
                }
                SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
                SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
                // Axon's default TimestampWriter writes exactly this string; written here so the digest
                // covers the very value stored.
                String time = formatInstant(event.getTimestamp());
                byte[] previous = sequence == 0 ? ZERO
                        : Long.valueOf(sequence - 1).equals(lastSequence.get(aggregate)) ? last.get(aggregate)
                        : committed.at(aggregate, sequence - 1);
                if (previous == null) {
                    previous = previous(connection, aggregate, sequence - 1);
                }
                Row row = new Row(0, aggregate, sequence, type, event.getIdentifier(), time,
                        payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                        metaData.getData(), null);
                byte[] digest = digest(previous, row);
                last.put(aggregate, digest);
                lastSequence.put(aggregate, sequence);
                if (rows != null) {
                    rows.add(new Row(0, aggregate, sequence, type, row.eventIdentifier(), time, row.payloadType(),
                            row.payloadRevision(), row.payload(), row.metaData(), digest));
                    continue;
                }
                statement.setString(1, row.eventIdentifier());
                statement.setString(2, aggregate);
                statement.setLong(3, sequence);
                statement.setString(4, type);
                statement.setString(5, time);
                statement.setString(6, row.payloadType());
                statement.setString(7, row.payloadRevision());
                statement.setBytes(8, row.payload());
                statement.setBytes(9, row.metaData());
                statement.setBytes(10, digest);
                statement.addBatch();
            }
            committed.afterCommit(lastSequence, last);
            return rows != null ? MultiRowInsert.of(connection, rows, positions) : statement;
        } catch (SQLException | RuntimeException e) {
            if (statement != null) {
                statement.close();
            }
            throw e;
        }
    }

    /**
     * Exactly the text of Axon's {@code DateTimeUtils.formatInstant} ({@code yyyy-MM-ddTHH:mm:ss.SSSZ},
     * UTC, the fraction truncated to milliseconds), written by hand for the years 1000 to 9999 (a
     * formatter per event was 2.6 % of a run's CPU, issue #15); any other year is Axon's own.
     */
    static String formatInstant(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < -30_610_224_000L || seconds >= 253_402_300_800L) { // before 1000-01-01, from 10000-01-01
            return DateTimeUtils.formatInstant(instant);
        }
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        int year = date.getYear();
        char[] text = new char[24];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, instant.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static byte[] previous(Connection connection, String aggregate, long sequence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PREVIOUS)) {
            statement.setString(1, aggregate);
            statement.setLong(2, sequence);
            try (ResultSet rs = statement.executeQuery()) {
                byte[] digest = rs.next() ? rs.getBytes(1) : null;
                return digest == null ? ZERO : digest; // before the chain began, or none
            }
        }
    }

    /** One stored event row, as the digest covers it. */
    record Row(long position, String aggregateIdentifier, long sequenceNumber, String type, String eventIdentifier,
               String timeStamp, String payloadType, String payloadRevision, byte[] payload, byte[] metaData,
               byte[] digest) {

        static Row read(ResultSet rs) throws SQLException {
            return new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10), rs.getBytes(11));
        }
    }

    static byte[] digest(byte[] previous, Row row) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + length(row.payload())
                + length(row.metaData()));
        bytes.writeBytes(TAG);
        bytes.writeBytes(previous);
        field(bytes, text(row.aggregateIdentifier()));
        field(bytes, Long.toString(row.sequenceNumber()).getBytes(StandardCharsets.US_ASCII));
        field(bytes, text(row.type()));
        field(bytes, text(row.eventIdentifier()));
        field(bytes, text(row.timeStamp()));
        field(bytes, text(row.payloadType()));
        field(bytes, text(row.payloadRevision()));
        field(bytes, row.payload());
        field(bytes, row.metaData());
        return sha256().digest(bytes.toByteArray());
    }

    /** The head digest after {@code digest}: SHA-256 of the head so far and the event's digest. */
    static byte[] fold(byte[] head, byte[] digest) {
        byte[] both = Arrays.copyOf(head, head.length + digest.length);
        System.arraycopy(digest, 0, both, head.length, digest.length);
        return sha256().digest(both);
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /** A field as its length (or -1 for NULL) and its bytes, so NULL, empty and shifted bytes differ. */
    private static void field(ByteArrayOutputStream bytes, byte[] value) {
        int length = value == null ? -1 : value.length;
        bytes.writeBytes(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        if (value != null) {
            bytes.writeBytes(value);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * What a check of the whole chain found.
     *
     * @param events      rows read
     * @param digested    rows carrying a digest
     * @param head        the head digest over the whole log, in hex
     * @param firstBreak  the first event whose digest fails, if any: one line naming its position
     * @param headsAt     the head digest (hex) at each position asked for
     * @param chainFrom   every event after this position carries a digest (recorded, or implied by an older store)
     * @param headsFound  of the head digests asked for, those that are the head at some position, with that position
     */
    public record Report(long events, long digested, String head, Optional<String> firstBreak, Map<Long, String> headsAt,
                         long chainFrom, Map<String, Long> headsFound) {

        /** @return whether every digest holds */
        public boolean ok() {
            return firstBreak.isEmpty();
        }
    }

    /**
     * Checks every digest in position order and folds the head digest.
     *
     * @param store     the open store
     * @param positions the positions whose head digest is wanted (each run's last, say); may be empty
     * @return what was found; never null
     * @throws StoreException DAMAGED when the rows cannot be read at all
     */
    public static Report check(JdbcStore store, SortedSet<Long> positions) {
        return check(store, positions, java.util.Set.of());
    }

    /**
     * As {@link #check(JdbcStore, SortedSet)}, also finding where each of {@code heads} (published head
     * digests, lower-case hex) is the head of the log: a published head found at position P vouches for
     * every event up to P; one not found means an event at or before the position it was published at
     * changed, went or was added.
     *
     * @param store     the open store
     * @param positions the positions whose head digest is wanted
     * @param heads     head digests to find
     * @return what was found; never null
     */
    public static Report check(JdbcStore store, SortedSet<Long> positions, java.util.Set<String> heads) {
        return check(store, positions, heads, null);
    }

    /**
     * As {@link #check(JdbcStore, SortedSet, java.util.Set)}, on PostgreSQL over the events below
     * {@code horizon} ({@link Horizon}; null: the horizon when the check begins), so that a check
     * while writers append judges only final events (an aggregate's next event never without the one
     * before it, still in flight).
     */
    static Report check(JdbcStore store, SortedSet<Long> positions, java.util.Set<String> heads, String horizon) {
        Map<String, Long> headsFound = new TreeMap<>();
        SortedSet<Long> wanted = new TreeSet<>(positions);
        Map<Long, String> headsAt = new TreeMap<>();
        Walk walk;
        String firstBreak = null;
        long after = 0;
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement statement = readBelow(connection, horizon)) {
            try {
                walk = new Walk(ChainStart.read(connection));
            } catch (IllegalStateException deleted) {
                walk = new Walk(0); // judge every event as the record's absence requires, and name the loss
                firstBreak = deleted.getMessage();
            }
            while (true) {
                List<Row> page = new ArrayList<>(PAGE);
                statement.setLong(1, after);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        page.add(Row.read(rs));
                    }
                }
                for (Row row : page) {
                    while (!wanted.isEmpty() && wanted.first() < row.position()) {
                        headsAt.put(wanted.first(), walk.head());
                        wanted.remove(wanted.first());
                    }
                    String broken = walk.accept(row);
                    if (firstBreak == null) {
                        firstBreak = broken;
                    }
                    if (!heads.isEmpty() && row.digest() != null) {
                        String head = walk.head();
                        if (heads.contains(head)) {
                            headsFound.putIfAbsent(head, row.position());
                        }
                    }
                    after = row.position();
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
        } catch (SQLException e) {
            // a page H2 cannot read is named as every reader names it; anything else is still damage here
            throw StoreException.damageIn(e, store.location()).orElseGet(() -> StoreFailure.damaged(store.location(), "its events cannot be read for their digests: " + H2Store.reason(e), e));
        }
        String hex = walk.head();
        wanted.forEach(p -> headsAt.put(p, hex));
        return new Report(walk.events(), walk.digested(), hex, Optional.ofNullable(firstBreak), headsAt, walk.chainFrom(),
                headsFound);
    }

    /** The page query of {@link #check}, below {@code horizon} (null: the horizon now) on PostgreSQL. */
    private static PreparedStatement readBelow(Connection connection, String horizon) throws SQLException {
        String below = horizon != null ? horizon : Horizon.of(connection);
        PreparedStatement statement = connection.prepareStatement(READ + Horizon.condition(below) + ORDER);
        if (below != null) {
            statement.setString(2, below);
        }
        return statement;
    }

    /**
     * The chain checked one event at a time, in position order: what {@link #check} does over a store,
     * and the import of an export over a file's lines ({@link StoreImport}).
     */
    static final class Walk {
        private final long chainFrom;
        private final Map<String, Link> links = new HashMap<>();
        private byte[] head = ZERO.clone();
        private long events;
        private long digested;
        private long firstDigested;
        private long last;

        /** A walk of a log whose chain began at its first digested event (no recorded start). */
        Walk() {
            this(ChainStart.UNRECORDED);
        }

        /**
         * @param chainFrom every event after this position must carry a digest; {@link ChainStart#UNRECORDED}
         *                  when the log records no start (it began at the first digested event)
         */
        Walk(long chainFrom) {
            this.chainFrom = chainFrom;
        }

        /** @return one line naming what is wrong with this event's digest, or null when it holds */
        String accept(Row row) {
            events++;
            last = row.position();
            String broken = null;
            Link link = links.get(row.aggregateIdentifier());
            if (row.digest() == null) {
                if (chainFrom != ChainStart.UNRECORDED && row.position() > chainFrom) {
                    broken = "the event at position " + row.position() + " has no digest, yet its digest chain covers "
                            + "every event after position " + chainFrom + " (its digest was erased, or the event was added "
                            + "without one)";
                } else if (firstDigested != 0) {
                    broken = "the event at position " + row.position() + " has no digest, yet the chain began at "
                            + firstDigested + " (its digest was erased, or the event was added after)";
                }
                links.put(row.aggregateIdentifier(), new Link(row.sequenceNumber(), null));
            } else {
                digested++;
                if (firstDigested == 0) {
                    firstDigested = row.position();
                }
                byte[] previous = row.sequenceNumber() == 0 || link == null
                        || link.sequence() != row.sequenceNumber() - 1 || link.digest() == null
                        ? ZERO : link.digest();
                if (!Arrays.equals(digest(previous, row), row.digest())) {
                    broken = describeBreak(row, link);
                }
                links.put(row.aggregateIdentifier(), new Link(row.sequenceNumber(), row.digest()));
                head = fold(head, row.digest());
            }
            return broken;
        }

        /** @return the head digest so far, in hex */
        String head() {
            return HexFormat.of().formatHex(head);
        }

        long events() {
            return events;
        }

        long digested() {
            return digested;
        }

        /** @return where the chain of what was walked begins: the recorded start, or the one its events imply */
        long chainFrom() {
            if (chainFrom != ChainStart.UNRECORDED) {
                return chainFrom;
            }
            return ChainStart.implied(firstDigested == 0 ? java.util.OptionalLong.empty()
                    : java.util.OptionalLong.of(firstDigested), last);
        }
    }

    /** One line naming the event and, when the chain shows it, what is wrong. */
    private static String describeBreak(Row row, Link link) {
        String where = "the event at position " + row.position() + " (aggregate '" + H2Store.oneLine(row.aggregateIdentifier())
                + "', sequence " + row.sequenceNumber() + ")";
        if (row.sequenceNumber() > 0 && (link == null || link.sequence() != row.sequenceNumber() - 1)) {
            return where + " does not match its digest: the event before it in its aggregate is missing or out of "
                    + "place, or the event's stored bytes or digest changed";
        }
        if (row.digest().length != ZERO.length) {
            return where + " does not match its digest: the stored digest is not a SHA-256 digest";
        }
        return where + " does not match its digest: its stored bytes (payload, metadata, time, type or identity) "
                + "or its digest changed";
    }

    private record Link(long sequence, byte[] digest) {
    }
}
