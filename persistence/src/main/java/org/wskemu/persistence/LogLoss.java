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

    /** What saw positions, in the order of {@link #HIGHEST}'s columns after the log's own. */
    private static final String[] WITNESSES = {"its read models", "its recorded decisions", "its recorded warnings",
            "its sockets", "its bindings", "its timeline checkpoints"};
    /** The log's last position, then the highest position each witness saw, in one snapshot. */
    private static final String HIGHEST = "SELECT (SELECT MAX(globalIndex) FROM DomainEventEntry), "
            + "(SELECT event_position FROM wsk_read_model_position WHERE id = 1), "
            + "(SELECT MAX(event_position) FROM wsk_decision), (SELECT MAX(event_position) FROM wsk_warning), "
            + "(SELECT MAX(created_at) FROM wsk_socket), (SELECT MAX(bound_at) FROM wsk_ownership), "
            + "(SELECT MAX(event_position) FROM wsk_checkpoint)";

    private LogLoss() {
    }

    /**
     * @param store an open store
     * @return one line naming the loss when something derived from the log has seen a position beyond its
     *         last event; empty otherwise
     * @throws StoreException DAMAGED when the tables cannot be read
     */
    public static Optional<String> find(JdbcStore store) {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(HIGHEST);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            long last = rs.getLong(1);
            long seen = 0;
            List<String> by = new ArrayList<>();
            for (int i = 0; i < WITNESSES.length; i++) {
                long position = rs.getLong(i + 2);
                if (position > last) {
                    by.add(WITNESSES[i] + " (" + position + ")");
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
}
