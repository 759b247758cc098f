package org.wskemu.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.wskemu.api.SocketId;
import org.wskemu.api.event.WskEvent;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.Projector;
import org.wskemu.engine.spi.InlineProjection;

/**
 * The read models folded inside each batch's own transaction (issue #15): after Axon appended the
 * batch's events and before the batch commits, the one {@link Projector} folds them (the payloads the
 * batch applied, positions read back from the rows just inserted) into the read-model tables with
 * {@link LogFold}'s batched writes, with the timeline checkpoints that fall in the batch, the folded
 * position and the read-model processor's token at the batch's last position. A committed batch has
 * its read models; a crash loses the batch and its rows together.
 *
 * <p>It folds a batch only when doing so is exactly what the processor would do next, and declines it
 * otherwise (the catch-up of {@link TrackedReadModels} or the processor folds it later, from the
 * token):
 * <ul>
 *   <li>on an H2 store only (one process: no other process's processor or writer);</li>
 *   <li>when the processor is not running in this process and no catch-up or rebuild is at work: all
 *       of them take {@link #gate()}, which a folding batch holds from its fold until it has committed
 *       or rolled back, so the processor starting later reads the token the last batch stored;</li>
 *   <li>when the stored token is a gap-aware token (or none, read as position 0) and the first rows
 *       after it are this batch's events, in order. Then either the token has no gap and the batch's
 *       positions follow it with none missing (another writer in flight can have taken no position
 *       below or among them), or this batch is the only one in flight in the process, so a position
 *       missing below it (a rolled-back append, H2's identity cache after a crash) can never be filled,
 *       and no gap of the token holds an event.</li>
 * </ul>
 * A failure while folding rolls back to a savepoint taken before it and declines the batch: the
 * batch's events commit, and the processor meets (and reports) the failure later.
 */
final class InlineFold implements InlineProjection {

    private static final String GAP_AWARE = GapAwareTrackingToken.class.getName();
    /** A token with more gaps than this is left to the processor. */
    private static final int MAX_GAPS = 500;

    private final ReadModelTables tables;
    private final JdbcCheckpoints checkpoints;
    private final LogFold fold;
    private final JdbcTransactionManager transactions;
    private final Serializer tokenSerializer;

    /** Held by a folding batch (until it ends), a starting processor, a catch-up and a rebuild. */
    private final ReentrantLock gate = new ReentrantLock();
    /** Batches begun in this process and not yet ended. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Tests decline every batch while this is set, to leave a backlog for the catch-up or the processor. */
    volatile boolean paused;
    /** Whether the read-model processor was started in this process (set and cleared under the gate). */
    private volatile boolean processorStarted;

    // what the last folded batch left, kept across batches (under the gate); null when not known
    private Map<SocketId, OwnershipRow> live;
    private long lastCheckpoint;
    /** The token's position that {@link #live} is the bindings of; -1 when not known. */
    private long liveAt = -1;
    /** The token's position the current batch folds up to (committed at its end); -1 when none. */
    private long pendingAt = -1;
    private long pendingCheckpoint;

    private final AtomicLong folded = new AtomicLong();
    private final AtomicLong declined = new AtomicLong();

    InlineFold(ReadModelTables tables, JdbcCheckpoints checkpoints, LogFold fold, JdbcTransactionManager transactions,
               Serializer tokenSerializer) {
        this.tables = tables;
        this.checkpoints = checkpoints;
        this.fold = fold;
        this.transactions = transactions;
        this.tokenSerializer = tokenSerializer;
    }

    @Override
    public void begin() {
        inFlight.incrementAndGet();
    }

    @Override
    public Map<String, Long> project(List<LoggedEvent> staged) {
        if (paused || staged.isEmpty() || !transactions.isTransactionActive() || !gate.tryLock()) {
            declined.incrementAndGet();
            return null;
        }
        // the gate stays held until end(): no processor starts, no catch-up folds, before this commits
        boolean alone = inFlight.get() == 1;
        if (processorStarted) {
            declined.incrementAndGet();
            return null;
        }
        Connection connection = null;
        Savepoint savepoint = null;
        try {
            connection = transactions.connectionProvider().getConnection();
            savepoint = connection.setSavepoint();
            Map<String, Long> positions = fold(connection, staged, alone);
            if (positions == null) {
                connection.releaseSavepoint(savepoint);
                declined.incrementAndGet();
                return null;
            }
            connection.releaseSavepoint(savepoint);
            folded.incrementAndGet();
            return positions;
        } catch (SQLException | RuntimeException failure) {
            forget();
            if (savepoint != null) {
                try {
                    connection.rollback(savepoint);
                } catch (SQLException e) {
                    failure.addSuppressed(e);
                    throw new JdbcException("the read models could not be folded in the batch, nor undone", failure);
                }
            }
            declined.incrementAndGet();
            return null;
        }
    }

    @Override
    public void end(boolean committed) {
        inFlight.decrementAndGet();
        if (gate.isHeldByCurrentThread()) {
            if (committed && pendingAt >= 0) {
                liveAt = pendingAt;
                lastCheckpoint = pendingCheckpoint;
            } else if (pendingAt >= 0) {
                forget(); // the bindings held the rolled-back batch's changes
            }
            pendingAt = -1;
            gate.unlock();
        }
    }

    /** The batch's positions by identifier when it was folded, or null when it must be declined. */
    private Map<String, Long> fold(Connection connection, List<LoggedEvent> staged, boolean alone) throws SQLException {
        StoredToken token = storedToken(connection);
        if (token == null) {
            return null;
        }
        long[] positions = new long[staged.size()];
        // the first rows after the token must be this batch's events, in order
        try (PreparedStatement statement = connection.prepareStatement("SELECT globalIndex, eventIdentifier FROM "
                + "DomainEventEntry WHERE globalIndex > ? ORDER BY globalIndex LIMIT ?")) {
            statement.setLong(1, token.index());
            statement.setInt(2, staged.size());
            try (ResultSet rs = statement.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    if (!staged.get(i).eventId().equals(rs.getString(2))) {
                        return null;
                    }
                    positions[i++] = rs.getLong(1);
                }
                if (i != staged.size()) {
                    return null;
                }
            }
        }
        long first = positions[0];
        long last = positions[positions.length - 1];
        boolean follows = token.gaps().isEmpty() && first == token.index() + 1 && last - first + 1 == positions.length;
        if (!follows && !(alone && noEventIn(connection, token.gaps()))) {
            return null;
        }
        if (live == null || liveAt != token.index()) {
            live = new LinkedHashMap<>();
            tables.ownership().forEach(row -> live.put(row.socket(), row));
            lastCheckpoint = checkpoints.latest();
        }
        LogFold.Changes changes = fold.changes(live, lastCheckpoint);
        pendingAt = last; // from here on, live holds this batch's changes
        Map<String, Long> byId = new HashMap<>(staged.size() * 2);
        Set<Class<? extends WskEvent>> changing = Projector.CHANGING;
        for (int i = 0; i < positions.length; i++) {
            LoggedEvent event = staged.get(i);
            byId.put(event.eventId(), positions[i]);
            // only the types a rebuild reads: checkpoints fall where a rebuild puts them
            if (changing.contains(event.event().getClass())) {
                Projector.apply(new LoggedEvent(positions[i], event.eventId(), event.timestamp(), event.event(),
                        event.run()), changes);
            }
        }
        fold.writeInline(changes, last, List.of());
        pendingCheckpoint = changes.lastCheckpoint;
        return byId;
    }

    /** Whether none of {@code gaps} is the position of an event (in the batch's transaction). */
    private static boolean noEventIn(Connection connection, List<Long> gaps) throws SQLException {
        if (gaps.isEmpty()) {
            return true;
        }
        if (gaps.size() > MAX_GAPS) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM DomainEventEntry "
                + "WHERE globalIndex IN (" + "?,".repeat(gaps.size() - 1) + "?)")) {
            for (int i = 0; i < gaps.size(); i++) {
                statement.setLong(i + 1, gaps.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getLong(1) == 0;
            }
        }
    }

    /** The processor's stored token: none is position 0; null when it is not a plain gap-aware token. */
    private StoredToken storedToken(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT tokenType, token FROM TokenEntry WHERE processorName = ? AND segment = 0")) {
            statement.setString(1, ReadModelProjection.PROCESSOR);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return new StoredToken(0, List.of());
                }
                String type = rs.getString(1);
                byte[] data = rs.getBytes(2);
                if (type == null || data == null) {
                    return new StoredToken(0, List.of());
                }
                if (!GAP_AWARE.equals(type)) {
                    return null; // a replay (Axon's reset) or another kind: the processor's business
                }
                Object token = tokenSerializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
                if (!(token instanceof GapAwareTrackingToken gapAware)) {
                    return null;
                }
                return new StoredToken(gapAware.getIndex(), new ArrayList<>(gapAware.getGaps()));
            }
        }
    }

    private record StoredToken(long index, List<Long> gaps) {
    }

    /** Forgets the bindings kept across batches (someone else changed the tables, or a batch rolled back). */
    private void forget() {
        live = null;
        liveAt = -1;
        pendingAt = -1;
    }

    // ---- for the other folders (TrackedReadModels) -----------------------------------------------------

    /**
     * The lock every folder of the tables takes: a folding batch holds it until it ends, so whoever
     * takes it sees no batch's fold in flight.
     */
    ReentrantLock gate() {
        return gate;
    }

    /** Under the gate: the tables were changed by another folder (a catch-up, a rebuild). */
    void changedElsewhere() {
        forget();
    }

    /** Under the gate: whether the processor runs in this process (no batch is folded inline while it does). */
    void processorStarted(boolean started) {
        forget();
        processorStarted = started;
    }

    /** Batches folded in their own transaction so far. */
    long foldedBatches() {
        return folded.get();
    }

    /** Batches declined so far (left to the catch-up or the processor). */
    long declinedBatches() {
        return declined.get();
    }
}
