package org.wskemu.persistence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.wskemu.api.SocketId;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.Projector;
import org.wskemu.engine.readmodel.ReadModelSink;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.engine.readmodel.WarningRow;
import org.wskemu.engine.timeline.Checkpoint;
import org.wskemu.engine.timeline.Timeline;

/**
 * The read models folded straight from the event table: a rebuild (and the one fold of a store whose
 * read models an older wskemu left behind its log), with the timeline checkpoints. Events are read with
 * plain JDBC in position order ({@link JdbcEventLog}, positions from the rows, only the types that
 * change a read model, see {@link Projector#CHANGING}), folded by the one {@link Projector} into changes
 * held in memory, and written every {@link #BATCH} events with JDBC batches. A row created and removed
 * within a batch (a binding released, a socket closed) never reaches the database. Each batch of a run
 * folds its own events with the same changes and writes ({@link BatchFold}).
 *
 * <p>The caller keeps writers out while it runs: in this process by the storage's lock, on H2 by the
 * file lock (one process), on PostgreSQL by the rebuild's lock on the event table ({@link #rebuild()}).
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

    private final ReadModelTables tables;
    private final JdbcCheckpoints checkpoints;
    private final JdbcEventLog log;
    private final TransactionManager transactions;
    private final int checkpointInterval;
    private final int batch;
    /** Whether the tables are on PostgreSQL: a rebuild is then one transaction that keeps writers out. */
    private final boolean postgres;

    /** @param batch events of the changing types folded per transaction ({@link #BATCH}) */
    LogFold(ReadModelTables tables, JdbcCheckpoints checkpoints, JdbcEventLog log, TransactionManager transactions,
            int checkpointInterval, int batch, boolean postgres) {
        this.batch = batch;
        this.tables = tables;
        this.checkpoints = checkpoints;
        this.log = log;
        this.transactions = transactions;
        this.checkpointInterval = checkpointInterval;
        this.postgres = postgres;
    }

    /**
     * Empties the read models and the checkpoints and folds the whole log, writing checkpoints every
     * interval, then marks the read models as folded by each batch from here on ({@code folded_inline}).
     *
     * <p>On H2 (one process, and the caller holds the storage's lock): the mark is cleared and the
     * tables emptied first, the log folded in transactions of {@link #BATCH} events, the mark set in
     * the last: a crash in between leaves the mark cleared, so the next 'run' or 'rebuild' folds
     * again and queries refuse the store until then. On PostgreSQL: one transaction that first takes
     * a SHARE lock on the event table (no writer appends until it commits; a writer in flight is
     * waited for), so no other process's batch can commit an event the fold does not see.
     *
     * @return the position folded up to (the log's head)
     */
    long rebuild() {
        if (postgres) {
            long[] head = new long[1];
            transactions.executeInTransaction(() -> {
                tables.update("LOCK TABLE DomainEventEntry IN SHARE MODE");
                tables.update("UPDATE wsk_read_model_position SET folded_inline = FALSE WHERE id = 1");
                for (String table : ReadModelTables.TABLES) {
                    tables.update("DELETE FROM " + table);
                }
                head[0] = fold(0, new LinkedHashMap<>(), 0);
            });
            return head[0];
        }
        transactions.executeInTransaction(() ->
                tables.update("UPDATE wsk_read_model_position SET folded_inline = FALSE WHERE id = 1"));
        tables.truncate();
        return fold(0, new LinkedHashMap<>(), 0);
    }

    private long fold(long after, Map<SocketId, OwnershipRow> live, long lastCheckpoint) {
        long head = log.head();
        Changes changes = new Changes(live, lastCheckpoint);
        try (Stream<LoggedEvent> events = log.readOfTypesAhead(after, head, Projector.CHANGING)) {
            Iterator<LoggedEvent> it = events.iterator();
            while (it.hasNext()) {
                LoggedEvent event = it.next();
                Projector.apply(event, changes);
                if (++changes.events >= batch) {
                    write(changes, false);
                    changes = new Changes(live, changes.lastCheckpoint);
                }
            }
        }
        write(changes, true);
        return Math.max(head, after);
    }

    /**
     * Writes the timeline's checkpoints after the latest one up to {@code upTo}, one every interval of
     * positions (where the timeline's own seeks put them), in one transaction. The caller makes sure
     * every event at or below {@code upTo} has committed and no other can commit there (on H2 at the
     * end of a run, with the storage's lock held).
     *
     * @return how many checkpoints were written
     */
    int extendCheckpoints(long upTo) {
        int[] written = new int[1];
        transactions.executeInTransaction(() -> {
            long latest = checkpoints.latest();
            if (upTo - latest < checkpointInterval) {
                return;
            }
            InMemoryReadModels models = checkpoints.atOrBefore(latest)
                    .map(c -> InMemoryReadModels.seeded(c.position(), c.ownership()))
                    .orElseGet(InMemoryReadModels::new);
            long mark = latest + checkpointInterval;
            try (Stream<LoggedEvent> events = log.readOfTypes(latest, upTo, Timeline.OWNERSHIP_EVENTS)) {
                Iterator<LoggedEvent> it = events.iterator();
                while (it.hasNext()) {
                    LoggedEvent event = it.next();
                    while (event.position() > mark) {
                        checkpoints.save(new Checkpoint(mark, models.ownership()));
                        written[0]++;
                        mark += checkpointInterval;
                    }
                    models.fold(event);
                }
            }
            while (mark <= upTo) {
                checkpoints.save(new Checkpoint(mark, models.ownership()));
                written[0]++;
                mark += checkpointInterval;
            }
        });
        return written[0];
    }

    /**
     * A fold of one batch's events into changes held in memory, from the live bindings and the position
     * of the latest checkpoint ({@link BatchFold} folds each batch of a run with it, without checkpoints).
     */
    Changes changes(Map<SocketId, OwnershipRow> live, long lastCheckpoint) {
        return new Changes(live, lastCheckpoint);
    }

    /** One transaction (joining the thread's, if any): the batch's rows and checkpoints, and at the end the mark. */
    private void write(Changes c, boolean last) {
        transactions.executeInTransaction(() -> {
            writeRows(c);
            for (Checkpoint checkpoint : c.checkpoints) {
                checkpoints.save(checkpoint);
            }
            if (last) {
                tables.update("UPDATE wsk_read_model_position SET folded_inline = TRUE WHERE id = 1");
            }
        });
    }

    /** Writes the changes' rows in the calling thread's transaction. */
    void writeRows(Changes c) {
        tables.batch(INSERT_SOCKET, c.sockets.values().stream().map(ReadModelTables::values).toList());
        tables.batch(CLOSE_SOCKET, c.closed.entrySet().stream()
                .map(e -> new Object[] {e.getValue(), e.getKey().value()}).toList());
        tables.batch(DELETE_OWNERSHIP, c.released.stream()
                .map(s -> new Object[] {s.value()}).toList());
        tables.batch(INSERT_OWNERSHIP, c.bound.values().stream().map(ReadModelTables::values).toList());
        tables.batch(INSERT_DECISION, c.decisions.stream().map(ReadModelTables::values).toList());
        tables.batch(INSERT_WARNING, c.warnings.stream().map(ReadModelTables::values).toList());
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
