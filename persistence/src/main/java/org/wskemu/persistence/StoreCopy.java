package org.wskemu.persistence;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * Copies a whole history from one store to another, either kind to either kind (H2 and PostgreSQL):
 * every event with its position, identifier, time and bytes unchanged, so positions and runs are
 * kept, and the aggregates' snapshots. The read models, checkpoints and the processor's token are
 * not copied: they are derived, and the target derives them again from the copied log (the caller
 * rebuilds and verifies it).
 *
 * <p>The target must hold no event; it is created if missing. The copy is one transaction on the
 * target: a failure leaves it as it was.
 */
public final class StoreCopy {

    /** Rows per page read from the source and per batch written to the target. */
    static final int PAGE = 1_000;

    private static final String EVENT_COLUMNS = "globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
            + "metaData, payload, payloadRevision, payloadType, timeStamp, digest";
    private static final String READ_EVENTS = "SELECT " + EVENT_COLUMNS + " FROM DomainEventEntry WHERE globalIndex > ?";
    private static final String ORDER = " ORDER BY globalIndex LIMIT " + PAGE;
    static final String WRITE_EVENT = "INSERT INTO DomainEventEntry (" + EVENT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SNAPSHOT_COLUMNS = "aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, "
            + "payload, payloadRevision, payloadType, timeStamp";
    private static final String READ_SNAPSHOTS = "SELECT " + SNAPSHOT_COLUMNS + " FROM SnapshotEventEntry";
    private static final String WRITE_SNAPSHOT = "INSERT INTO SnapshotEventEntry (" + SNAPSHOT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COUNT_EVENTS = "SELECT COUNT(*) FROM DomainEventEntry";
    private static final String POSTGRES_RESTART = "SELECT setval(pg_get_serial_sequence('domainevententry', 'globalindex'), ?)";
    private static final String H2_RESTART = "ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex RESTART WITH ";

    private StoreCopy() {
    }

    /** What was copied. */
    public record Copied(long events, long snapshots, long firstPosition, long lastPosition) {
    }

    /**
     * @param from an existing store (a PostgreSQL database without a store is refused)
     * @param to   a store with no event yet (created if missing)
     * @return the counts
     * @throws StoreException if either store cannot be opened, the target holds events, or the copy fails
     * @throws IllegalArgumentException if both name the same store
     */
    public static Copied copy(StoreLocation from, StoreLocation to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to) || from.toString().equals(to.toString())) {
            throw new IllegalArgumentException("--from and --to name the same store: " + from);
        }
        if (from instanceof StoreLocation.Directory directory
                && !Files.exists(directory.path().resolve(H2Store.DATABASE_FILE))) {
            throw StoreFailure.missing(from);
        }
        try (JdbcStore source = JdbcStorage.openStore(from, false);
             JdbcStore target = JdbcStorage.openStore(to, true)) {
            return copy(source, target);
        }
    }

    /**
     * Marks the target's read models as behind its log (V5__turn_four.sql's {@code folded_inline}): the
     * events came in without them, so the next 'run' or 'rebuild' folds the whole log, and a query
     * refuses the store until then, whatever happens between the copy and the caller's rebuild.
     */
    static void markReadModelsBehind(Connection out) throws SQLException {
        try (PreparedStatement mark = out.prepareStatement("UPDATE wsk_read_model_position SET folded_inline = FALSE")) {
            mark.executeUpdate();
        }
    }

    static Copied copy(JdbcStore source, JdbcStore target) {
        try (Connection in = source.dataSource().getConnection();
             Connection out = target.dataSource().getConnection()) {
            in.setReadOnly(true);
            in.setAutoCommit(false); // one snapshot of the source (and a cursor on PostgreSQL)
            if (source instanceof PostgresStore) {
                in.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot for every page
            }
            out.setAutoCommit(false);
            try {
                if (countEvents(out) > 0) {
                    throw StoreFailure.notEmpty(target.location());
                }
                // on PostgreSQL the events below the horizon: final, while writers append to the source
                long[] events = copyEvents(in, out, Horizon.of(in));
                ChainStart.write(out, chainStartOf(in, events[2]));
                long snapshots = copySnapshots(in, out);
                restartPositions(target, out, events[2]);
                markReadModelsBehind(out);
                out.commit();
                in.commit();
                return new Copied(events[0], snapshots, events[1], events[2]);
            } catch (SQLException | RuntimeException e) {
                out.rollback();
                in.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StoreFailure.notCopied(source.location(), target.location(), H2Store.reason(e), e);
        }
    }

    /** Where the source's chain begins: its record, or, for a store older than the record, what its events imply. */
    private static long chainStartOf(Connection in, long lastPosition) throws SQLException {
        long recorded;
        try {
            recorded = ChainStart.read(in);
        } catch (IllegalStateException deleted) {
            recorded = 0; // the record was deleted: the copy requires every event's digest, and its verify names the loss
        }
        if (recorded != ChainStart.UNRECORDED) {
            return recorded;
        }
        try (Statement statement = in.createStatement();
             ResultSet rs = statement.executeQuery("SELECT MIN(globalIndex) FROM DomainEventEntry WHERE digest IS NOT NULL")) {
            long first = rs.next() ? rs.getLong(1) : 0;
            return ChainStart.implied(first == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(first),
                    lastPosition);
        }
    }

    /** @return {count, first position, last position} */
    private static long[] copyEvents(Connection in, Connection out, String horizon) throws SQLException {
        long count = 0;
        long first = 0;
        long after = 0;
        try (PreparedStatement read = in.prepareStatement(READ_EVENTS + Horizon.condition(horizon) + ORDER);
             PreparedStatement write = out.prepareStatement(WRITE_EVENT)) {
            if (horizon != null) {
                read.setString(2, horizon);
            }
            while (true) {
                read.setLong(1, after);
                int page = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        long position = rs.getLong(1);
                        write.setLong(1, position);
                        write.setString(2, rs.getString(2));
                        write.setLong(3, rs.getLong(3));
                        write.setString(4, rs.getString(4));
                        write.setString(5, rs.getString(5));
                        write.setBytes(6, rs.getBytes(6));
                        write.setBytes(7, rs.getBytes(7));
                        write.setString(8, rs.getString(8));
                        write.setString(9, rs.getString(9));
                        write.setString(10, rs.getString(10));
                        write.setBytes(11, rs.getBytes(11)); // the digest chain travels unchanged
                        write.addBatch();
                        if (first == 0) {
                            first = position;
                        }
                        after = position;
                        page++;
                    }
                }
                if (page > 0) {
                    write.executeBatch();
                }
                count += page;
                if (page < PAGE) {
                    return new long[] {count, first, after};
                }
            }
        }
    }

    private static long copySnapshots(Connection in, Connection out) throws SQLException {
        long count = 0;
        try (Statement read = in.createStatement();
             PreparedStatement write = out.prepareStatement(WRITE_SNAPSHOT)) {
            read.setFetchSize(PAGE);
            try (ResultSet rs = read.executeQuery(READ_SNAPSHOTS)) {
                while (rs.next()) {
                    write.setString(1, rs.getString(1));
                    write.setLong(2, rs.getLong(2));
                    write.setString(3, rs.getString(3));
                    write.setString(4, rs.getString(4));
                    write.setBytes(5, rs.getBytes(5));
                    write.setBytes(6, rs.getBytes(6));
                    write.setString(7, rs.getString(7));
                    write.setString(8, rs.getString(8));
                    write.setString(9, rs.getString(9));
                    write.addBatch();
                    if (++count % PAGE == 0) {
                        write.executeBatch();
                    }
                }
            }
            write.executeBatch();
        }
        return count;
    }

    /** The next position the target hands out follows the copied ones. */
    static void restartPositions(JdbcStore target, Connection out, long last) throws SQLException {
        if (last == 0) {
            return;
        }
        if (target instanceof PostgresStore) {
            try (PreparedStatement restart = out.prepareStatement(POSTGRES_RESTART)) {
                restart.setLong(1, last);
                restart.execute();
            }
        } else {
            long next = last + 1;
            try (Statement statement = out.createStatement()) {
                statement.execute(H2_RESTART + next); // H2 takes no parameter in DDL; a long is no input
            }
        }
    }

    static long countEvents(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(COUNT_EVENTS)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
