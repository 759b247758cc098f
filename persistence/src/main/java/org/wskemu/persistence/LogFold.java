package org.wskemu.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.wskemu.api.SocketId;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.Projector;
import org.wskemu.engine.readmodel.ReadModelSink;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.engine.readmodel.WarningRow;
import org.wskemu.engine.timeline.Checkpoint;

/**
 * The read models folded straight from the event table (issue #15): a rebuild, and the catch-up of a
 * large backlog, without Axon's tracking processor. Events are read with plain JDBC in position order
 * ({@link JdbcEventLog}, positions from the rows, only the types that change a read model, see
 * {@link Projector#CHANGING}), folded by the one {@link Projector} into changes held in memory, and
 * written every {@link #BATCH} events with JDBC batches, in one transaction with the position, the
 * timeline checkpoints and the read-model processor's token. A row created and removed within a
 * batch (a binding released, a socket closed) never reaches the database.
 *
 * <p>The token written is the one the processor would have written after folding the same events:
 * a gap-aware token at the last position folded, with the positions missing from the log just below
 * it ({@link #GAP_WINDOW}) as gaps, so an event committed late there is still folded by the
 * processor; the gaps of the token the fold started from are kept. So the processor, started
 * afterwards, goes on from where the fold ended and never folds an event twice; a crash during the
 * fold leaves the last committed batch's rows and token together, as the processor's own batches do.
 */
final class LogFold {

    // the sink's own statements (ReadModelTables), so the fold writes the same columns
    private static final String INSERT_SOCKET = ReadModelTables.INSERT_SOCKET;
    private static final String CLOSE_SOCKET = ReadModelTables.CLOSE_SOCKET;
    private static final String DELETE_OWNERSHIP = ReadModelTables.DELETE_OWNERSHIP;
    private static final String INSERT_OWNERSHIP = ReadModelTables.INSERT_OWNERSHIP;
    private static final String INSERT_DECISION = ReadModelTables.INSERT_DECISION;
    private static final String INSERT_WARNING = ReadModelTables.INSERT_WARNING;

    /** Events of the changing types folded per transaction. */
    static final int BATCH = 20_000;
    /** How far below the token's position missing positions are kept as gaps (Axon's own gap offset on H2). */
    static final long GAP_WINDOW = 10_000;

    private final ReadModelTables tables;
    private final JdbcCheckpoints checkpoints;
    private final JdbcEventLog log;
    private final TransactionManager transactions;
    private final Serializer tokenSerializer;
    private final int checkpointInterval;
    private final int batch;

    /** @param batch events of the changing types folded per transaction ({@link #BATCH}) */
    LogFold(ReadModelTables tables, JdbcCheckpoints checkpoints, JdbcEventLog log, TransactionManager transactions,
            Serializer tokenSerializer, int checkpointInterval, int batch) {
        this.batch = batch;
        this.tables = tables;
        this.checkpoints = checkpoints;
        this.log = log;
        this.transactions = transactions;
        this.tokenSerializer = tokenSerializer;
        this.checkpointInterval = checkpointInterval;
    }

    /**
     * Empties the read models and folds the whole log. The processor must not be running. First the
     * token is set to none and the position to 0 in one transaction, then the tables are emptied: a
     * crash between the two leaves rows that a processor replaying from the start collides with on
     * their primary keys (reported, with 'wskemu rebuild' as the remedy), never a silent gap.
     *
     * @return the position folded up to (the log's head)
     */
    long rebuild() {
        transactions.executeInTransaction(() -> {
            tables.update("UPDATE TokenEntry SET token = NULL, tokenType = NULL, owner = NULL WHERE processorName = ?",
                    ReadModelProjection.PROCESSOR);
            tables.update("UPDATE wsk_read_model_position SET event_position = 0 WHERE id = 1");
        });
        tables.truncate();
        return fold(0, List.of(), new LinkedHashMap<>(), 0);
    }

    /**
     * Folds the events after the processor's stored token, as the processor would. The processor must
     * not be running, and no other process may share the store.
     *
     * @param after the stored token's position (0 for none)
     * @param gaps  the stored token's gaps
     * @return the position folded up to
     */
    long catchUp(long after, Collection<Long> gaps) {
        Map<SocketId, OwnershipRow> live = new LinkedHashMap<>();
        tables.ownership().forEach(row -> live.put(row.socket(), row));
        return fold(after, gaps, live, checkpoints.latest());
    }

    private long fold(long after, Collection<Long> oldGaps, Map<SocketId, OwnershipRow> live, long lastCheckpoint) {
        long head = log.head();
        Changes changes = new Changes(live, lastCheckpoint);
        try (Stream<LoggedEvent> events = log.readOfTypesAhead(after, head, Projector.CHANGING)) {
            Iterator<LoggedEvent> it = events.iterator();
            while (it.hasNext()) {
                LoggedEvent event = it.next();
                Projector.apply(event, changes);
                if (++changes.events >= batch) {
                    long position = event.position();
                    write(changes, position, oldGaps);
                    changes = new Changes(live, changes.lastCheckpoint);
                }
            }
        }
        write(changes, Math.max(head, after), oldGaps);
        return Math.max(head, after);
    }

    /**
     * A fold of one batch's events into changes held in memory, from the live bindings and the position
     * of the latest checkpoint ({@link InlineFold} folds each batch of a run with it).
     */
    Changes changes(Map<SocketId, OwnershipRow> live, long lastCheckpoint) {
        return new Changes(live, lastCheckpoint);
    }

    /**
     * Writes one batch's changes, checkpoints and position in the calling thread's transaction, and the
     * processor's token at {@code position} with exactly {@code gaps}.
     */
    void writeInline(Changes c, long position, Collection<Long> gaps) {
        writeRows(c, position, gaps, false); // not through the transaction manager: a failure must not doom the batch
    }

    private void write(Changes c, long position, Collection<Long> oldGaps) {
        write(c, position, oldGaps, true);
    }

    /**
     * One transaction (joining the thread's, if any): the batch's rows, checkpoints, position and the
     * processor's token at {@code position}, whose gaps are {@code oldGaps} below it and, when
     * {@code gapsBelow}, the positions missing just below it.
     */
    private void write(Changes c, long position, Collection<Long> oldGaps, boolean gapsBelow) {
        transactions.executeInTransaction(() -> writeRows(c, position, oldGaps, gapsBelow));
    }

    private void writeRows(Changes c, long position, Collection<Long> oldGaps, boolean gapsBelow) {
        tables.batch(INSERT_SOCKET, c.sockets.values().stream().map(ReadModelTables::values).toList());
        tables.batch(CLOSE_SOCKET, c.closed.entrySet().stream()
                .map(e -> new Object[] {e.getValue(), e.getKey().value()}).toList());
        tables.batch(DELETE_OWNERSHIP, c.released.stream()
                .map(s -> new Object[] {s.value()}).toList());
        tables.batch(INSERT_OWNERSHIP, c.bound.values().stream().map(ReadModelTables::values).toList());
        tables.batch(INSERT_DECISION, c.decisions.stream().map(ReadModelTables::values).toList());
        tables.batch(INSERT_WARNING, c.warnings.stream().map(ReadModelTables::values).toList());
        for (Checkpoint checkpoint : c.checkpoints) {
            checkpoints.save(checkpoint);
        }
        if (position > 0) {
            tables.update("UPDATE wsk_read_model_position SET event_position = GREATEST(event_position, ?) "
                    + "WHERE id = 1", position);
            storeToken(position, oldGaps, gapsBelow);
        }
    }

    /** The processor's token at {@code position}, unclaimed, with the gaps the processor would keep. */
    private void storeToken(long position, Collection<Long> oldGaps, boolean gapsBelow) {
        TreeSet<Long> gaps = new TreeSet<>();
        oldGaps.stream().filter(g -> g < position).forEach(gaps::add);
        if (gapsBelow) {
            gaps.addAll(missingBelow(position));
        }
        SerializedObject<byte[]> token = tokenSerializer.serialize(GapAwareTrackingToken.newInstance(position, gaps),
                byte[].class);
        String now = DateTimeUtils.formatInstant(Instant.now());
        int updated = tables.updateCount("UPDATE TokenEntry SET token = ?, tokenType = ?, timestamp = ?, owner = NULL "
                + "WHERE processorName = ? AND segment = 0", token.getData(), token.getType().getName(), now,
                ReadModelProjection.PROCESSOR);
        if (updated == 0) {
            tables.update("INSERT INTO TokenEntry (processorName, segment, token, tokenType, timestamp, owner) "
                    + "VALUES (?, 0, ?, ?, ?, NULL)", ReadModelProjection.PROCESSOR, token.getData(),
                    token.getType().getName(), now);
        }
    }

    /** The positions in {@code (position - GAP_WINDOW, position)} that hold no event. */
    private List<Long> missingBelow(long position) {
        long from = Math.max(0, position - GAP_WINDOW);
        List<Long> present = tables.query("SELECT globalIndex FROM DomainEventEntry WHERE globalIndex > ? "
                + "AND globalIndex < ? ORDER BY globalIndex", rs -> rs.getLong(1), from, position);
        List<Long> missing = new ArrayList<>();
        long expected = Math.max(from + 1, 1);
        for (long index : present) {
            for (long gap = expected; gap < index; gap++) {
                missing.add(gap);
            }
            expected = index + 1;
        }
        for (long gap = expected; gap < position; gap++) {
            missing.add(gap);
        }
        return missing;
    }

    /** One batch's changes, held in memory; the live bindings span batches (checkpoints are made of them). */
    final class Changes implements ReadModelSink {
        final Map<SocketId, OwnershipRow> live;
        final Map<SocketId, SocketRow> sockets = new LinkedHashMap<>();
        final Map<SocketId, Long> closed = new LinkedHashMap<>();
        final Map<SocketId, OwnershipRow> bound = new LinkedHashMap<>();
        final Set<SocketId> released = new HashSet<>();
        final List<DecisionRow> decisions = new ArrayList<>();
        final List<WarningRow> warnings = new ArrayList<>();
        final List<Checkpoint> checkpoints = new ArrayList<>();
        long lastCheckpoint;
        int events;

        Changes(Map<SocketId, OwnershipRow> live, long lastCheckpoint) {
            this.live = live;
            this.lastCheckpoint = lastCheckpoint;
        }

        @Override
        public void socketCreated(SocketRow row) {
            sockets.put(row.socket(), row);
        }

        @Override
        public void socketClosed(SocketId socket, long position) {
            SocketRow created = sockets.get(socket);
            if (created != null) {
                sockets.put(socket, created.closed(position));
            } else {
                closed.put(socket, position);
            }
        }

        @Override
        public void bound(OwnershipRow row) {
            live.put(row.socket(), row);
            bound.put(row.socket(), row);
        }

        @Override
        public void released(SocketId socket) {
            live.remove(socket);
            if (bound.remove(socket) == null) {
                released.add(socket);
            }
        }

        @Override
        public void decided(DecisionRow row) {
            decisions.add(row);
        }

        @Override
        public void warned(WarningRow row) {
            warnings.add(row);
        }

        @Override
        public void advanced(long position) {
            if (position - lastCheckpoint >= checkpointInterval) {
                checkpoints.add(new Checkpoint(position, List.copyOf(live.values())));
                lastCheckpoint = position;
            }
        }
    }
}
