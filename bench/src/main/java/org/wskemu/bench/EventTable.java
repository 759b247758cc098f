package org.wskemu.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The machine's own limits on Axon's event table (V1 migration's DomainEventEntry), measured with plain
 * JDBC and nothing of the engine: batched inserts of rows shaped like the engine's, and one sequential
 * read of every column.
 */
final class EventTable {

    /** The columns Axon's JDBC storage engine inserts, in its order. */
    static final String INSERT = "INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, "
            + "type, timeStamp, payloadType, payloadRevision, payload, metaData) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String READ_ALL = "SELECT globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
            + "metaData, payload, payloadRevision, payloadType, timeStamp FROM DomainEventEntry ORDER BY globalIndex";

    /** What an engine row looks like apart from its blobs' contents. */
    record RowShape(String aggregateIdentifier, long sequenceNumber, String type, String payloadType) {
    }

    /**
     * The engine's rows as they were written: keys, types and the average sizes of the blobs.
     *
     * @param rows          every row's keys and types, in position order
     * @param payloadBytes  average payload size
     * @param metaDataBytes average metaData size
     */
    record Shape(List<RowShape> rows, int payloadBytes, int metaDataBytes) {
    }

    private EventTable() {
    }

    /** Reads the shape of the rows an engine wrote into {@code store}. */
    static Shape shapeOf(DataSource store) throws SQLException {
        List<RowShape> rows = new ArrayList<>();
        long payload = 0;
        long metaData = 0;
        try (Connection connection = store.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT aggregateIdentifier, sequenceNumber, type, payloadType, "
                     + "OCTET_LENGTH(payload), OCTET_LENGTH(metaData) FROM DomainEventEntry ORDER BY globalIndex")) {
            while (rs.next()) {
                rows.add(new RowShape(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                payload += rs.getLong(5);
                metaData += rs.getLong(6);
            }
        }
        int n = Math.max(1, rows.size());
        return new Shape(List.copyOf(rows), (int) Math.round((double) payload / n), (int) Math.round((double) metaData / n));
    }

    /**
     * Inserts {@code shape}'s rows into the empty event table of {@code store} in JDBC batches of
     * {@code rowsPerCommit}, each committed, as the engine appends a batch of calls at its commit: fresh
     * UUID event identifiers and timestamps, blobs of the engine's average sizes.
     *
     * @return the nanoseconds it took
     */
    static long append(DataSource store, Shape shape, int rowsPerCommit) throws SQLException {
        return append(store, shape, rowsPerCommit, true);
    }

    /**
     * As {@link #append(DataSource, Shape, int)}; {@code h2Checkpoint} false commits plainly, as the
     * engine commits on PostgreSQL (the server's own durability: the commit waits for its WAL flush).
     */
    static long append(DataSource store, Shape shape, int rowsPerCommit, boolean h2Checkpoint) throws SQLException {
        byte[] payload = filler(shape.payloadBytes());
        byte[] metaData = filler(shape.metaDataBytes());
        try (Connection connection = store.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                long start = System.nanoTime();
                int pending = 0;
                for (RowShape row : shape.rows()) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, row.aggregateIdentifier());
                    insert.setLong(3, row.sequenceNumber());
                    insert.setString(4, row.type());
                    insert.setString(5, Instant.now().toString());
                    insert.setString(6, row.payloadType());
                    insert.setString(7, null);
                    insert.setBytes(8, payload);
                    insert.setBytes(9, metaData);
                    insert.addBatch();
                    if (++pending == rowsPerCommit) {
                        insert.executeBatch();
                        commit(connection, h2Checkpoint);
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                    commit(connection, h2Checkpoint);
                }
                return System.nanoTime() - start;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The outcome of a plain read. */
    record Read(long rows, long nanos, long checksum) {
    }

    /** Reads every column of every event row in position order, in one statement. */
    static Read readAll(DataSource store) throws SQLException {
        try (Connection connection = store.getConnection();
             Statement statement = connection.createStatement()) {
            long start = System.nanoTime();
            long rows = 0;
            long checksum = 0;
            try (ResultSet rs = statement.executeQuery(READ_ALL)) {
                while (rs.next()) {
                    checksum += rs.getLong(1);
                    checksum += rs.getString(2).length();
                    checksum += rs.getLong(3);
                    String type = rs.getString(4);
                    checksum += type == null ? 0 : type.length();
                    checksum += rs.getString(5).length();
                    byte[] metaData = rs.getBytes(6);
                    checksum += metaData == null ? 0 : metaData.length;
                    checksum += rs.getBytes(7).length;
                    String revision = rs.getString(8);
                    checksum += revision == null ? 0 : revision.length();
                    checksum += rs.getString(9).length();
                    checksum += rs.getString(10).length();
                    rows++;
                }
            }
            return new Read(rows, System.nanoTime() - start, checksum);
        }
    }

    /** JSON-looking ASCII of {@code size} bytes. */
    static byte[] filler(int size) {
        byte[] bytes = new byte[Math.max(0, size)];
        byte[] pattern = "{\"socket\":{\"value\":123456},\"label\":\"s42\",\"run\":1,\"category\":\"LISTEN\"}"
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = pattern[i % pattern.length];
        }
        return Arrays.copyOf(bytes, bytes.length);
    }

    /**
     * Commits as the engine's transaction manager does on H2: the commit, then {@code CHECKPOINT SYNC},
     * which writes the committed version to the file and forces it to the disk before the commit returns
     * (H2Store's durability).
     */
    private static void commit(Connection connection, boolean h2Checkpoint) throws SQLException {
        connection.commit();
        if (!h2Checkpoint) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        }
    }
}
