package org.wskemu.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Events removed from the end of a log: the digest chain cannot show them (every link that is left
 * still holds), but what was derived from them can. The read models' position, their decisions,
 * warnings, sockets and bindings, and the timeline's checkpoints all name positions the log once held;
 * one beyond the log's last event is a loss. A rebuild would fold the shorter log and erase that
 * evidence, so the loss is named with the advice to restore, and {@code rebuild} refuses the store
 * unless told to accept it.
 */
public final class LogLoss {

    /** Each: what saw the position, and the query of the highest position it saw. */
    private static final String[][] WITNESSES = {
            {"its read models", "SELECT event_position FROM wsk_read_model_position WHERE id = 1"},
            {"its recorded decisions", "SELECT MAX(event_position) FROM wsk_decision"},
            {"its recorded warnings", "SELECT MAX(event_position) FROM wsk_warning"},
            {"its sockets", "SELECT MAX(created_at) FROM wsk_socket"},
            {"its bindings", "SELECT MAX(bound_at) FROM wsk_ownership"},
            {"its timeline checkpoints", "SELECT MAX(event_position) FROM wsk_checkpoint"},
    };

    private LogLoss() {
    }

    /**
     * @param store an open store
     * @return one line naming the loss when something derived from the log has seen a position beyond its
     *         last event; empty otherwise
     * @throws StoreException DAMAGED when the tables cannot be read
     */
    public static Optional<String> find(JdbcStore store) {
        try (Connection connection = store.dataSource().getConnection()) {
            long last = highest(connection, "SELECT MAX(globalIndex) FROM DomainEventEntry");
            long seen = 0;
            List<String> by = new ArrayList<>();
            for (String[] witness : WITNESSES) {
                long position = highest(connection, witness[1]);
                if (position > last) {
                    by.add(witness[0] + " (" + position + ")");
                    seen = Math.max(seen, position);
                }
            }
            if (by.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of("the log ends at position " + last + ", yet " + String.join(", ", by)
                    + " saw events up to position " + seen + ": events were removed from its end; restore the store "
                    + "from a backup (a rebuild would fold the shorter log and erase this evidence)");
        } catch (SQLException e) {
            throw StoreException.damageIn(e, store.location()).orElseGet(() -> StoreFailure.damaged(store.location(),
                    "its tables cannot be read to compare with its log: " + H2Store.reason(e), e));
        }
    }

    private static long highest(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
