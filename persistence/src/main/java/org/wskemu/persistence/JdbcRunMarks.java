package org.wskemu.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.common.jdbc.JdbcException;
import org.wskemu.engine.spi.RunMarks;

/**
 * Each run's high-water mark in {@code wsk_run_mark} (migration V5): the position of the last event its
 * batches committed, written in each batch's own transaction, read back from the row the batch just
 * appended. One row per run, updated only by the run's writer; {@link LogLoss} compares it with the log.
 */
final class JdbcRunMarks implements RunMarks {

    private static final String UPDATE = "UPDATE wsk_run_mark SET last_position = (SELECT globalIndex FROM "
            + "DomainEventEntry WHERE eventIdentifier = ?) WHERE run = ?";
    private static final String INSERT = "INSERT INTO wsk_run_mark (run, last_position) SELECT ?, globalIndex "
            + "FROM DomainEventEntry WHERE eventIdentifier = ?";

    private final JdbcTransactionManager transactions;

    JdbcRunMarks(JdbcTransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public void committing(long run, String lastEventId) {
        try {
            // the batch's transaction's own connection (not closed here: the transaction owns it)
            Connection connection = transactions.connectionProvider().getConnection();
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                update.setString(1, lastEventId);
                update.setLong(2, run);
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setLong(1, run);
                insert.setString(2, lastEventId);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new JdbcException("the run's high-water mark could not be written with its batch", e);
        }
    }
}
