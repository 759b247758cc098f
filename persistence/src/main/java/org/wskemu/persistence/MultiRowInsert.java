package org.wskemu.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of event rows written to PostgreSQL as one {@code INSERT ... SELECT * FROM unnest(arrays)
 * RETURNING globalIndex, eventIdentifier} statement per {@link #ROWS} rows, instead of one
 * {@code INSERT} per event (issue #22: a PostgreSQL run waited on one statement per event and on a
 * lookup of the positions afterwards). Handed to Axon as the prepared statement its storage engine
 * executes with {@code executeBatch()}, so a failed insert (a lost append race, SQLState 23505)
 * reaches Axon's persistence exception resolver exactly as a failed JDBC batch does.
 *
 * <p>The positions come back with the rows and are kept ({@link AppendedPositions}) once the
 * transaction commits. The server gives a statement's rows their positions in the order of the
 * arrays; that the batch's events got rising positions in their order is checked, not
 * assumed.
 */
final class MultiRowInsert implements InvocationHandler {

    /** Rows per statement, so that one statement's arrays stay a few megabytes at most. */
    static final int ROWS = 2_000;
    /**
     * One statement text for every batch size (one plan, prepared once per connection): the columns
     * as ten arrays, unnested into rows in their order.
     */
    private static final String INSERT = "INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, "
            + "sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, metaData, digest) "
            + "SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::int8[], ?::varchar[], ?::varchar[], ?::varchar[], "
            + "?::varchar[], ?::bytea[], ?::bytea[], ?::bytea[]) RETURNING globalIndex, eventIdentifier";

    private final Connection connection;
    private final List<EventChain.Row> rows;
    private final AppendedPositions positions;
    private boolean closed;

    private MultiRowInsert(Connection connection, List<EventChain.Row> rows, AppendedPositions positions) {
        this.connection = connection;
        this.rows = rows;
        this.positions = positions;
    }

    /** A statement whose {@code executeBatch()} inserts {@code rows} (each with its digest) in their order. */
    static PreparedStatement of(Connection connection, List<EventChain.Row> rows, AppendedPositions positions) {
        return (PreparedStatement) Proxy.newProxyInstance(MultiRowInsert.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, new MultiRowInsert(connection, rows, positions));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "executeBatch":
                return executeBatch();
            case "close":
                closed = true;
                return null;
            case "isClosed":
                return closed;
            case "getConnection":
                return connection;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "MultiRowInsert[" + rows.size() + " rows]";
            default:
                throw new SQLException("not supported by the multi-row event insert: " + method.getName());
        }
    }

    private int[] executeBatch() throws SQLException {
        Map<String, Long> given = new HashMap<>(rows.size() * 2);
        for (int from = 0; from < rows.size(); from += ROWS) {
            List<EventChain.Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS));
            insert(chunk, given);
        }
        long previous = Long.MIN_VALUE;
        for (EventChain.Row row : rows) {
            Long position = given.get(row.eventIdentifier());
            if (position == null || position <= previous) {
                throw new IllegalStateException("the server gave the batch's events positions out of their order (event "
                        + row.eventIdentifier() + " at " + position + ", after " + previous + ")");
            }
            previous = position;
        }
        positions.afterCommit(given);
        int[] counts = new int[rows.size()];
        Arrays.fill(counts, 1);
        return counts;
    }

    private void insert(List<EventChain.Row> chunk, Map<String, Long> given) throws SQLException {
        int n = chunk.size();
        String[] ids = new String[n];
        String[] aggregates = new String[n];
        Long[] sequences = new Long[n];
        String[] types = new String[n];
        String[] times = new String[n];
        String[] payloadTypes = new String[n];
        String[] revisions = new String[n];
        byte[][] payloads = new byte[n][];
        byte[][] metaData = new byte[n][];
        byte[][] digests = new byte[n][];
        for (int i = 0; i < n; i++) {
            EventChain.Row row = chunk.get(i);
            ids[i] = row.eventIdentifier();
            aggregates[i] = row.aggregateIdentifier();
            sequences[i] = row.sequenceNumber();
            types[i] = row.type();
            times[i] = row.timeStamp();
            payloadTypes[i] = row.payloadType();
            revisions[i] = row.payloadRevision();
            payloads[i] = row.payload();
            metaData[i] = row.metaData();
            digests[i] = row.digest();
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setArray(1, connection.createArrayOf("varchar", ids));
            statement.setArray(2, connection.createArrayOf("varchar", aggregates));
            statement.setArray(3, connection.createArrayOf("int8", sequences));
            statement.setArray(4, connection.createArrayOf("varchar", types));
            statement.setArray(5, connection.createArrayOf("varchar", times));
            statement.setArray(6, connection.createArrayOf("varchar", payloadTypes));
            statement.setArray(7, connection.createArrayOf("varchar", revisions));
            statement.setArray(8, connection.createArrayOf("bytea", payloads));
            statement.setArray(9, connection.createArrayOf("bytea", metaData));
            statement.setArray(10, connection.createArrayOf("bytea", digests));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    given.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
    }
}
