package org.wskemu.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import org.axonframework.common.jdbc.JdbcException;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.Projector;
import org.wskemu.engine.spi.InlineProjection;

/**
 * The read models folded by each batch in its own transaction, on every store (H2 and PostgreSQL
 * alike): after Axon appended the batch's events and before the batch commits, the one
 * {@link Projector} folds them (the payloads the batch applied, positions read back from the rows
 * just inserted) into the read-model tables with {@link LogFold}'s batched writes. So a committed
 * batch has its rows and a rolled-back one has none: the read models are the fold of the committed
 * log by construction, with nothing (no position row, no token) that every batch must update.
 *
 * <p>Every row a batch writes is keyed by its own events (a socket it created, bound or closed, a
 * decision or warning at one of its positions), so writers on a shared store never touch one
 * another's rows, and the order in which their batches commit changes nothing. A failure while
 * folding fails the batch: it rolls back with its events.
 *
 * <p>A batch holds {@code folders}' read lock from its start to its end; a rebuild and the writing of
 * checkpoints take the write lock, so in this process neither runs while a batch is in flight (many
 * batches hold the read lock at once: writers are not serialised).
 */
final class BatchFold implements InlineProjection {

    private final ReadModelTables tables;
    private final LogFold fold;
    private final JdbcTransactionManager transactions;
    private final ReadWriteLock folders;

    BatchFold(ReadModelTables tables, LogFold fold, JdbcTransactionManager transactions, ReadWriteLock folders) {
        this.tables = tables;
        this.fold = fold;
        this.transactions = transactions;
        this.folders = folders;
    }

    @Override
    public void begin() {
        folders.readLock().lock();
    }

    @Override
    public Map<String, Long> project(List<LoggedEvent> staged) {
        if (staged.isEmpty()) {
            return Map.of();
        }
        if (!transactions.isTransactionActive()) {
            throw new IllegalStateException("a batch's read models are folded in its own transaction, and none is active");
        }
        Map<String, Long> positions = positions(staged);
        LogFold.Changes changes = fold.changes(new LinkedHashMap<>(), Long.MAX_VALUE); // no checkpoint in a batch
        for (LoggedEvent event : staged) {
            if (Projector.CHANGING.contains(event.event().getClass())) {
                Long position = positions.get(event.eventId());
                if (position == null) {
                    throw new IllegalStateException("the batch's event " + event.eventId() + " is not in the event table");
                }
                Projector.apply(new LoggedEvent(position, event.eventId(), event.timestamp(), event.event(), event.run()),
                        changes);
            }
        }
        fold.writeRows(changes);
        return positions;
    }

    @Override
    public void end(boolean committed) {
        folders.readLock().unlock();
    }

    /**
     * The positions of the batch's events, read in its transaction: the first by its identifier, then
     * the rows from there in position order until every one of the batch's is found. A batch's events
     * take ascending positions in the order they are inserted; rows of other writers that committed
     * in between are read and skipped.
     */
    private Map<String, Long> positions(List<LoggedEvent> staged) {
        Map<String, Long> found = new HashMap<>(staged.size() * 2);
        try {
            Connection connection = transactions.connectionProvider().getConnection();
            long first;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = ?")) {
                statement.setString(1, staged.get(0).eventId());
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("the batch's first event " + staged.get(0).eventId()
                                + " is not in the event table");
                    }
                    first = rs.getLong(1);
                }
            }
            Map<String, Boolean> wanted = new HashMap<>(staged.size() * 2);
            staged.forEach(e -> wanted.put(e.eventId(), Boolean.TRUE));
            long from = first;
            while (found.size() < staged.size()) {
                int before = found.size();
                long last = from - 1;
                try (PreparedStatement statement = connection.prepareStatement("SELECT globalIndex, eventIdentifier "
                        + "FROM DomainEventEntry WHERE globalIndex >= ? ORDER BY globalIndex LIMIT ?")) {
                    statement.setLong(1, from);
                    statement.setInt(2, staged.size() - found.size() + 64);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            last = rs.getLong(1);
                            String id = rs.getString(2);
                            if (wanted.containsKey(id)) {
                                found.put(id, last);
                            }
                        }
                    }
                }
                if (last < from) {
                    throw new IllegalStateException((staged.size() - found.size())
                            + " of the batch's events are not in the event table after position " + first);
                }
                from = last + 1;
                if (found.size() == before && from - first > 1_000_000L + staged.size()) {
                    throw new IllegalStateException("the batch's events are not in the event table near position " + first);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new JdbcException("reading the batch's positions failed", e);
        }
    }
}
