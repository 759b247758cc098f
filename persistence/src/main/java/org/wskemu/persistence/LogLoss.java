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
 * warnings, sockets and bindings, the timeline's checkpoints, and each run's high-water mark (the
 * position of the last event its batches committed, written with them: {@code wsk_run_mark}) all name
 * positions the log once held; one beyond the log's last event is a loss. The marks show a cut even
 * of events that left no trace in the read models (a run's declarations, its end, a backlog the
 * read models had not folded). A rebuild would fold the shorter log and erase that
 * evidence, so the loss is named with the advice to restore, and {@code rebuild} refuses the store
 * unless told to accept it.
 */
public final class LogLoss {

    /** What saw positions, in the order of {@link #HIGHEST}'s columns after the log's own. */
    private static final String[] WITNESSES = {"its read models", "its recorded decisions", "its recorded warnings",
            "its sockets", "its bindings", "its timeline checkpoints", "the high-water mark of run "};
    /** The log's last position, then the highest position each witness saw, in one snapshot. */
    private static final String HIGHEST = "SELECT (SELECT MAX(globalIndex) FROM DomainEventEntry), "
            + "(SELECT event_position FROM wsk_read_model_position WHERE id = 1), "
            + "(SELECT MAX(event_position) FROM wsk_decision), (SELECT MAX(event_position) FROM wsk_warning), "
            + "(SELECT MAX(created_at) FROM wsk_socket), (SELECT MAX(bound_at) FROM wsk_ownership), "
            + "(SELECT MAX(event_position) FROM wsk_checkpoint), (SELECT MAX(last_position) FROM wsk_run_mark), "
            + "(SELECT MIN(run) FROM wsk_run_mark WHERE last_position = (SELECT MAX(last_position) FROM wsk_run_mark))";

    private LogLoss() {
    }

    /**
     * After a rebuild told to accept a loss: each run's high-water mark beyond the log's last event is
     * lowered to it, so the loss accepted is not named again (a later cut still is).
     *
     * @param store an open store
     * @throws StoreException DAMAGED when the marks cannot be written
     */
    public static void accept(JdbcStore store) {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("UPDATE wsk_run_mark SET last_position = "
                     + "(SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry) WHERE last_position > "
                     + "(SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry)")) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw StoreException.damageIn(e, store.location()).orElseGet(() -> StoreFailure.damaged(store.location(),
                    "its runs' high-water marks cannot be lowered to its log: " + H2Store.reason(e), e));
        }
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
                    String witness = WITNESSES[i].endsWith(" ") ? WITNESSES[i] + rs.getLong(WITNESSES.length + 2)
                            : WITNESSES[i];
                    by.add(witness + " (" + position + ")");
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
