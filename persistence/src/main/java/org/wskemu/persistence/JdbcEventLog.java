package org.wskemu.persistence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.JdbcException;
import org.wskemu.api.event.WskEvent;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;

/**
 * The event log read straight from Axon's DomainEventEntry table, in pages by global index. Only
 * the event types of the kernel's vocabulary are ever deserialized: a row naming any other type, or
 * one that cannot be read, is reported as damage ({@link StoreException} DAMAGED), never instantiated.
 */
final class JdbcEventLog implements EventLog {

    private static final int PAGE = 2_000;
    private static final int IN_LIST = 500;
    /** Pages {@link #readOfTypesAhead} reads before the caller takes them (a fold's batch write meanwhile). */
    private static final int AHEAD_PAGES = 8;
    private static final Map<String, Class<?>> EVENT_TYPES = new HashMap<>();

    static {
        for (Class<?> type : WskEvent.class.getPermittedSubclasses()) {
            EVENT_TYPES.put(type.getName(), type);
        }
    }

    private final ConnectionProvider connections;
    private final ObjectMapper mapper;
    private final StoreLocation location;
    /** The positions this process's appends were given, or null: {@link #positionsOf} asks the table only for the rest. */
    private final AppendedPositions appended;
    /** Whether the log is on PostgreSQL, once known. */
    private volatile Boolean postgres;
    /** One reader per event type: the mapper's own lookups are paid once, not per event. */
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    JdbcEventLog(ConnectionProvider connections, ObjectMapper mapper, StoreLocation location) {
        this(connections, mapper, location, null);
    }

    /** As the three-argument constructor, the positions of this process's appends first taken from {@code appended}. */
    JdbcEventLog(ConnectionProvider connections, ObjectMapper mapper, StoreLocation location, AppendedPositions appended) {
        this.connections = connections;
        this.appended = appended;
        // strict reading (as EngineJackson's mapper): an event missing a field is damaged
        this.mapper = mapper.copy().enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        this.location = location;
    }

    @Override
    public Stream<LoggedEvent> readAfter(long position) {
        return read(position, Long.MAX_VALUE);
    }

    /** Reads only rows in {@code (after, upTo]}: a timeline seek fetches its few events, not a whole page. */
    @Override
    public Stream<LoggedEvent> read(long position, long upTo) {
        return pages(position, upTo, List.of());
    }

    /** Selects the types in SQL, so the other events are neither read nor deserialized. */
    @Override
    public Stream<LoggedEvent> readOfTypes(long after, long upTo, Set<Class<? extends WskEvent>> types) {
        return pages(after, upTo, types.stream().map(Class::getName).sorted().toList());
    }

    /**
     * As {@link #readOfTypes}, with the pages after the current one read and deserialized on a thread of
     * their own while the caller folds (issue #15: a rebuild's reading and decoding overlap its folding
     * and writing, on a second core). The events come in the same order; a failure to read one is
     * thrown where that event would have come. Closing the stream stops the reading thread.
     */
    Stream<LoggedEvent> readOfTypesAhead(long after, long upTo, Set<Class<? extends WskEvent>> types) {
        List<String> names = types.stream().map(Class::getName).sorted().toList();
        String horizon = horizon();
        long head = Math.min(upTo, head(horizon));
        ReadAhead ahead = new ReadAhead(after, head, names, horizon);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(ahead, Spliterator.ORDERED), false)
                .onClose(ahead::close);
    }

    /** Pages read by a thread of its own, {@link #AHEAD_PAGES} at most waiting to be taken. */
    private final class ReadAhead implements Iterator<LoggedEvent> {
        private static final Object END = new Object();
        private final BlockingQueue<Object> pages = new ArrayBlockingQueue<>(AHEAD_PAGES);
        private final Thread reader;
        private Iterator<LoggedEvent> page = List.<LoggedEvent>of().iterator();
        private boolean ended;
        private volatile boolean closed;

        ReadAhead(long after, long head, List<String> types, String horizon) {
            reader = new Thread(() -> {
                try {
                    long from = after;
                    while (!closed) {
                        List<LoggedEvent> next = page(from, head, types, horizon);
                        if (!next.isEmpty()) {
                            pages.put(next);
                            from = next.get(next.size() - 1).position();
                        }
                        if (next.size() < PAGE) {
                            pages.put(END);
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    try {
                        pages.put(e);
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "wskemu-log-read-ahead");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && !ended) {
                Object next;
                try {
                    next = pages.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the event log", e);
                }
                if (next == END) {
                    ended = true;
                } else if (next instanceof RuntimeException failure) {
                    ended = true;
                    throw failure;
                } else if (next instanceof Error failure) {
                    ended = true;
                    throw failure;
                } else {
                    @SuppressWarnings("unchecked")
                    List<LoggedEvent> events = (List<LoggedEvent>) next;
                    page = events.iterator();
                }
            }
            return page.hasNext();
        }

        @Override
        public LoggedEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }

        /**
         * Stops the reading thread without interrupting it (an interrupt during H2's file I/O would close
         * the store's file channel): it stops after the page it is reading, whose place is made free.
         */
        void close() {
            closed = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reader.isAlive() && System.nanoTime() < deadline) {
                pages.clear();
                try {
                    reader.join(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Stream<LoggedEvent> pages(long position, long upTo, List<String> types) {
        String horizon = horizon();
        long head = Math.min(upTo, head(horizon));
        Iterator<LoggedEvent> pages = new Iterator<>() {
            private long after = position;
            private Iterator<LoggedEvent> page = List.<LoggedEvent>of().iterator();
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !exhausted) {
                    List<LoggedEvent> next = page(after, head, types, horizon);
                    exhausted = next.size() < PAGE;
                    if (!next.isEmpty()) {
                        after = next.get(next.size() - 1).position();
                    }
                    page = next.iterator();
                }
                return page.hasNext();
            }

            @Override
            public LoggedEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false);
    }

    private List<LoggedEvent> page(long after, long upTo, List<String> types) {
        return page(after, upTo, types, null);
    }

    /** As {@link #page(long, long, List)}, only events of transactions below {@code horizon} when it is not null. */
    private List<LoggedEvent> page(long after, long upTo, List<String> types, String horizon) {
        String sql = "SELECT globalIndex, eventIdentifier, timeStamp, payloadType, payload, metaData FROM DomainEventEntry "
                + "WHERE globalIndex > ? AND globalIndex <= ?"
                + (types.isEmpty() ? "" : " AND payloadType IN (" + "?,".repeat(types.size() - 1) + "?)")
                + Horizon.condition(horizon)
                + " ORDER BY globalIndex LIMIT " + PAGE;
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, after);
            statement.setLong(2, upTo);
            for (int i = 0; i < types.size(); i++) {
                statement.setString(3 + i, types.get(i));
            }
            if (horizon != null) {
                statement.setString(3 + types.size(), horizon);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<LoggedEvent> events = new ArrayList<>(PAGE);
                while (rs.next()) {
                    events.add(logged(rs));
                }
                return events;
            }
        } catch (SQLException e) {
            throw new JdbcException("reading the event log failed", e);
        }
    }

    private LoggedEvent logged(ResultSet rs) throws SQLException {
        long position = rs.getLong(1);
        Instant at;
        try {
            at = instant(rs.getString(3));
        } catch (RuntimeException e) { // Axon wrote it with Instant.toString(): the file changed
            throw damaged(position, "has an unreadable time: " + H2Store.reason(e), e);
        }
        return new LoggedEvent(position, rs.getString(2), at, event(position, rs.getString(4), rs.getBytes(5)),
                LoggedEvent.runIn(rs.getBytes(6)));
    }

    /**
     * Axon's timestamp column, as {@code Instant.toString()} wrote it. The common shape
     * ({@code 2026-12-01T03:41:02.573658530Z}, 0 to 9 fraction digits) is read by hand, since
     * {@link Instant#parse} was an eighth of a rebuild (issue #15); anything else goes to
     * {@link Instant#parse}, which also refuses what is not a time.
     */
    static Instant instant(String text) {
        int n = text.length();
        if (n < 20 || n > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(n - 1) != 'Z'
                || n > 20 && text.charAt(19) != '.') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (fraction < 1 || fraction > 9) {
                return Instant.parse(text);
            }
            nanos = digits(text, 20, n - 1);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return Instant.parse(text); // refuses it with Instant's own message
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return Instant.parse(text);
        }
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private WskEvent event(long position, String type, byte[] payload) {
        Class<?> eventType = EVENT_TYPES.get(type);
        if (eventType == null) {
            throw damaged(position, "has the unknown type '" + H2Store.oneLine(type) + "'", null);
        }
        try {
            return (WskEvent) readers.computeIfAbsent(eventType, mapper::readerFor).readValue(payload);
        } catch (IOException | RuntimeException e) { // a record's own checks refuse what the file now says
            throw damaged(position, "cannot be read: " + H2Store.reason(e), e);
        }
    }

    private StoreException damaged(long position, String what, Exception cause) {
        return StoreFailure.damaged(location, "the event at position " + position + " " + what, cause);
    }

    @Override
    public Map<String, Long> positionsOf(Collection<String> eventIds) {
        Map<String, Long> found = appended == null ? new HashMap<>() : appended.take(eventIds);
        if (found.size() == eventIds.size()) {
            return found;
        }
        List<String> ids = new ArrayList<>(eventIds.size() - found.size());
        for (String id : eventIds) {
            if (!found.containsKey(id)) {
                ids.add(id);
            }
        }
        for (int start = 0; start < ids.size(); start += IN_LIST) {
            List<String> chunk = ids.subList(start, Math.min(ids.size(), start + IN_LIST));
            String sql = "SELECT eventIdentifier, globalIndex FROM DomainEventEntry WHERE eventIdentifier IN ("
                    + "?,".repeat(chunk.size() - 1) + "?)";
            try (Connection connection = connections.getConnection();
                 PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getLong(2));
                    }
                }
            } catch (SQLException e) {
                throw new JdbcException("looking up event positions failed", e);
            }
        }
        return found;
    }

    /**
     * The last committed position (what a writer waits for its read models to reach). A stream of this
     * log may end below it on PostgreSQL: it reads below the horizon ({@link #horizon()}).
     */
    @Override
    public long head() {
        return head(null);
    }

    private long head(String horizon) {
        String sql = "SELECT MAX(globalIndex) FROM DomainEventEntry WHERE 1 = 1" + Horizon.condition(horizon);
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (horizon != null) {
                statement.setString(1, horizon);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new JdbcException("reading the event log's head failed", e);
        }
    }

    /**
     * On PostgreSQL, where many writers commit positions out of order, the {@link Horizon} a read
     * stays below, fixed when the read begins. Null, for no horizon, on H2 and inside a transaction:
     * a writing one reads its own events, and a snapshot
     * ({@link JdbcTransactionManager#startSnapshot}) reads every event committed when it began, one
     * consistent state with the read models of the same snapshot.
     *
     * @return the horizon as xid8 text, or null
     */
    String horizon() {
        try (Connection connection = connections.getConnection()) {
            if (!postgres(connection) || !connection.getAutoCommit()) {
                return null; // inside a transaction: its own snapshot, whole (a writer's own events, or a reader's snapshot)
            }
            return Horizon.of(connection);
        } catch (SQLException e) {
            throw new JdbcException("reading the event log's horizon failed", e);
        }
    }

    private boolean postgres(Connection connection) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            postgres = known;
        }
        return known;
    }
}
