package org.wskemu.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.JdbcException;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SessionRun;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.readmodel.DecidingCell;
import org.wskemu.engine.readmodel.DecisionFilter;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelSink;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.engine.readmodel.WarningRow;

/**
 * The read models in H2 tables (V2__read_models.sql): the projection writes them through this sink
 * on the transaction's connection; queries read them through the view. Every value reaches SQL as a
 * bound parameter.
 */
final class ReadModelTables implements ReadModelSink, ReadModelView {

    private static final Pattern TABLE = Pattern.compile("\\bFROM (\\w+)");

    private final ConnectionProvider connections;
    private final StoreLocation location;
    /** Rows read by queries so far (a test's seam: a query reads what it answers, not the table). */
    private volatile long rowsRead;

    ReadModelTables(ConnectionProvider connections, StoreLocation location) {
        this.connections = connections;
        this.location = location;
    }

    /** {@return how many rows the queries of these tables have read so far} */
    long rowsRead() {
        return rowsRead;
    }

    /** The store these tables are in, for messages. */
    StoreLocation location() {
        return location;
    }

    // ---- sink ---------------------------------------------------------------------------------------

    static final String INSERT_SOCKET = "INSERT INTO wsk_socket (socket, label, run, category, family, process, "
            + "created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String CLOSE_SOCKET = "UPDATE wsk_socket SET closed_at = ? WHERE socket = ?";
    static final String INSERT_OWNERSHIP = "INSERT INTO wsk_ownership (socket, label, run, protocol, family, address, "
            + "sharing_option, process, bound_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String DELETE_OWNERSHIP = "DELETE FROM wsk_ownership WHERE socket = ?";
    static final String INSERT_DECISION = "INSERT INTO wsk_decision (event_position, socket, label, run, process, "
            + "requested, actual, port, sharing_option, profile, status, reason, deciding_cell, deciding_label) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_WARNING = "INSERT INTO wsk_warning (event_position, socket, kind, message) "
            + "VALUES (?, ?, ?, ?)";

    static Object[] values(SocketRow r) {
        return new Object[] {r.socket().value(), r.label(), r.run().number(), r.category().label(), r.family().label(),
                r.process().value(), r.createdAt(), r.closedAt()};
    }

    static Object[] values(OwnershipRow r) {
        return new Object[] {r.socket().value(), r.label(), r.run().number(), r.protocol().label(), familyColumn(r),
                r.address().toString(), r.option().name(), r.process().value(), r.boundAt()};
    }

    static Object[] values(DecisionRow d) {
        return new Object[] {d.position(), d.socket().value(), d.label(), d.run().number(), d.process().value(),
                d.requested().toString(), d.actual() == null ? null : d.actual().toString(), d.port(), d.option().name(),
                d.profile().label(), d.status().name(), d.reason(), d.decidingCell(), d.decidingLabel()};
    }

    static Object[] values(WarningRow w) {
        return new Object[] {w.position(), w.socket() == null ? null : w.socket().value(), w.kind().name(), w.message()};
    }

    @Override
    public void socketCreated(SocketRow r) {
        update(INSERT_SOCKET, values(r));
    }

    @Override
    public void socketClosed(SocketId socket, long position) {
        update(CLOSE_SOCKET, position, socket.value());
    }

    @Override
    public void bound(OwnershipRow r) {
        update(INSERT_OWNERSHIP, values(r));
    }

    @Override
    public void released(SocketId socket) {
        update(DELETE_OWNERSHIP, socket.value());
    }

    @Override
    public void decided(DecisionRow d) {
        update(INSERT_DECISION, values(d));
    }

    @Override
    public void warned(WarningRow w) {
        update(INSERT_WARNING, values(w));
    }

    /** Nothing to write: the read models hold the committed log, and no row follows its position. */
    @Override
    public void advanced(long position) {
    }

    /** The read-model tables a rebuild empties. */
    static final List<String> TABLES = List.of("wsk_socket", "wsk_ownership", "wsk_decision", "wsk_warning",
            "wsk_checkpoint");

    /**
     * Empties every read-model table with {@code TRUNCATE} (no row-by-row delete, no dead rows left
     * in the file); outside a transaction, since H2 commits on {@code TRUNCATE}.
     */
    void truncate() {
        for (String table : TABLES) {
            update("TRUNCATE TABLE " + table);
        }
    }

    // ---- view ---------------------------------------------------------------------------------------

    @Override
    public long ownershipCount() {
        return count("wsk_ownership");
    }

    @Override
    public long decisionCount() {
        return count("wsk_decision");
    }

    @Override
    public long warningCount() {
        return count("wsk_warning");
    }

    @Override
    public long socketCount() {
        return count("wsk_socket");
    }

    private long count(String table) {
        return query("SELECT COUNT(*) FROM " + table, rs -> rs.getLong(1)).stream().findFirst().orElse(0L);
    }

    /**
     * The position the read models hold every event up to: the log's head when each batch folds its own
     * events ({@link #foldedInline()}), else where an older wskemu's folders had got to.
     */
    @Override
    public long position() {
        return foldedInline().orElse(false)
                ? query("SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry", rs -> rs.getLong(1)).get(0)
                : storedPosition();
    }

    /** Where an older wskemu's folders had got to ({@code event_position}); nothing updates it any more. */
    long storedPosition() {
        return query("SELECT event_position FROM wsk_read_model_position WHERE id = 1", rs -> rs.getLong(1))
                .stream().findFirst().orElse(0L);
    }

    /**
     * Whether the read models are the fold of the whole committed log, each batch folding its own
     * events (V5__turn_four.sql); empty on a store of an older schema, which has no such mark.
     */
    Optional<Boolean> foldedInline() {
        Boolean has = hasMark;
        if (has == null) {
            has = !query("SELECT 1 FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) = 'wsk_read_model_position' "
                    + "AND LOWER(COLUMN_NAME) = 'folded_inline'", rs -> rs.getInt(1)).isEmpty();
            hasMark = has;
        }
        if (!has) {
            return Optional.empty();
        }
        return query("SELECT folded_inline FROM wsk_read_model_position WHERE id = 1", rs -> rs.getBoolean(1))
                .stream().findFirst();
    }

    /** Whether the store's schema has the {@code folded_inline} mark; null until first asked. */
    private volatile Boolean hasMark;

    @Override
    public List<OwnershipRow> ownership() {
        return query("SELECT socket, label, run, protocol, family, address, sharing_option, process, bound_at "
                + "FROM wsk_ownership ORDER BY bound_at", ReadModelTables::ownershipRow);
    }

    private static final String DECISIONS = "SELECT event_position, socket, label, run, process, requested, actual, "
            + "sharing_option, profile, status, reason, deciding_cell, deciding_label FROM wsk_decision";

    @Override
    public List<DecisionRow> decisions() {
        return query(DECISIONS + " ORDER BY event_position", ReadModelTables::decisionRow);
    }

    /** Selects in SQL: only the wanted rows are read (the port is the actual one when bound, else the requested one's). */
    @Override
    public List<DecisionRow> decisions(DecisionFilter filter) {
        StringBuilder where = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        condition(where, parameters, "status = ?", filter.status() == null ? null : filter.status().name());
        condition(where, parameters, "process = ?", filter.process());
        condition(where, parameters, "port = ?", filter.port());
        condition(where, parameters, "run = ?", filter.run());
        condition(where, parameters, "label = ?", filter.label());
        condition(where, parameters, "event_position >= ?", filter.from());
        condition(where, parameters, "event_position <= ?", filter.to());
        // the row's own check too: the port column is the filter's port by construction, this keeps it so
        return query(DECISIONS + where + " ORDER BY event_position", ReadModelTables::decisionRow, parameters.toArray())
                .stream().filter(filter).toList();
    }

    private static void condition(StringBuilder where, List<Object> parameters, String sql, Object value) {
        if (value != null) {
            where.append(where.length() == 0 ? " WHERE " : " AND ").append(sql);
            parameters.add(value);
        }
    }

    private static DecisionRow decisionRow(ResultSet rs) throws SQLException {
        return new DecisionRow(rs.getLong(1), new SocketId(rs.getLong(2)), rs.getString(3), SessionRun.of(rs.getLong(4)),
                        new ProcessId(rs.getLong(5)), TransportAddress.parse(rs.getString(6)),
                        rs.getString(7) == null ? null : TransportAddress.parse(rs.getString(7)),
                        SharingOption.valueOf(rs.getString(8)), ProfileId.parse(rs.getString(9)),
                        NtStatus.valueOf(rs.getString(10)), rs.getString(11), rs.getString(12), rs.getString(13),
                        // the table keeps the cell's text; it reads back to the value the decision built
                        DecidingCell.parse(rs.getString(12)).orElse(null));
    }

    @Override
    public List<WarningRow> warnings() {
        return query("SELECT event_position, socket, kind, message FROM wsk_warning ORDER BY event_position", rs -> {
            long socket = rs.getLong(2);
            // wasNull() speaks of the last column read: ask before reading another
            SocketId id = rs.wasNull() ? null : new SocketId(socket);
            return new WarningRow(rs.getLong(1), id, WarningRow.Kind.valueOf(rs.getString(3)), rs.getString(4));
        });
    }

    private static final String SOCKETS = "SELECT socket, label, run, category, family, process, created_at, closed_at "
            + "FROM wsk_socket";

    @Override
    public List<SocketRow> sockets() {
        return query(SOCKETS + " ORDER BY created_at", ReadModelTables::socketRow);
    }

    /** Reads the one row, by its key. */
    @Override
    public Optional<SocketRow> socket(SocketId socket) {
        return query(SOCKETS + " WHERE socket = ?", ReadModelTables::socketRow, socket.value()).stream().findFirst();
    }

    private static SocketRow socketRow(ResultSet rs) throws SQLException {
        return new SocketRow(new SocketId(rs.getLong(1)), rs.getString(2),
                SessionRun.of(rs.getLong(3)), SocketCategory.parse(rs.getString(4)), AddressFamily.parse(rs.getString(5)),
                new ProcessId(rs.getLong(6)), rs.getLong(7), rs.getLong(8));
    }

    /**
     * The {@code family} column of an ownership row: {@code inet}, {@code inet6}, or {@code dual} for a
     * dual-stack binding, which holds {@code [::]:P} and {@code 0.0.0.0:P} (SPEC.md 6a.1). [emulator
     * choice] The column held the address's family, which the address itself already says; marking a
     * dual-stack row there keeps stores written before dual-stack sockets readable with no migration.
     */
    private static String familyColumn(OwnershipRow row) {
        return row.dualStack() ? DUAL_STACK : row.family().label();
    }

    private static final String DUAL_STACK = "dual";

    static OwnershipRow ownershipRow(ResultSet rs) throws SQLException {
        String family = rs.getString(5);
        boolean dualStack = DUAL_STACK.equals(family);
        return new OwnershipRow(new SocketId(rs.getLong(1)), rs.getString(2), SessionRun.of(rs.getLong(3)),
                TransportProtocol.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                dualStack ? AddressFamily.INET6 : AddressFamily.parse(family), TransportAddress.parse(rs.getString(6)),
                SharingOption.valueOf(rs.getString(7)), new ProcessId(rs.getLong(8)), rs.getLong(9), dualStack);
    }

    // ---- plumbing -----------------------------------------------------------------------------------

    /** Reads one row. */
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    void update(String sql, Object... parameters) {
        updateCount(sql, parameters);
    }

    /** {@return how many rows the statement changed} */
    int updateCount(String sql, Object... parameters) {
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new JdbcException("read-model update failed: " + sql, e);
        }
    }

    /** One statement, executed once per row of {@code rows} as one JDBC batch (on the thread's transaction). */
    void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
                if (++pending == 1_000) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        } catch (SQLException e) {
            throw new JdbcException("read-model update failed: " + sql, e);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rs = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row(sql, mapper, rs));
                    rowsRead++;
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new JdbcException("read-model query failed: " + sql, e);
        }
    }

    /**
     * One row, or damage: only this class writes these tables, and only with values that read back,
     * so a value that does not parse was changed in the file. The read models are derived, so the
     * message says how to derive them again.
     */
    private <T> T row(String sql, RowMapper<T> mapper, ResultSet rs) throws SQLException {
        try {
            return mapper.map(rs);
        } catch (RuntimeException unreadable) {
            Matcher table = TABLE.matcher(sql);
            throw StoreFailure.damaged(location, "a row of "
                    + (table.find() ? table.group(1) : "the read models") + " cannot be read: "
                    + H2Store.reason(unreadable) + " ('wskemu rebuild' derives the read models again from the log)",
                    unreadable);
        }
    }

    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value == null) {
                // no type: PostgreSQL refuses a VARCHAR null for a BIGINT column, H2 takes either
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof Long l) {
                statement.setLong(i + 1, l);
            } else if (value instanceof Integer n) {
                statement.setInt(i + 1, n);
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(i + 1, bytes);
            } else {
                statement.setString(i + 1, value.toString());
            }
        }
    }
}
