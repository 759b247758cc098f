package org.wskemu.persistence;

import java.util.Optional;
import org.wskemu.engine.EngineJackson;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.timeline.Timeline;

/**
 * What a query reads, straight from a store opened read-only ({@link JdbcStorage#openReadOnly}),
 * without the engine: no Axon configuration, aggregates or processor. The read-model tables, the event
 * log ({@link JdbcEventLog}) and the timeline's checkpoints on the store's one database. Nothing is
 * written: a seek's new checkpoints stay in memory ({@link ReadOnlyCheckpoints}).
 *
 * <p>Each batch folds its own events in the transaction that appends them, so the read models hold
 * exactly the committed log, and a query reads them as they are. A store written by an older wskemu
 * whose read models lag its log is refused in one line naming {@code wskemu rebuild} (a query does
 * not fold it: that would write, and folding it in memory would cost a rebuild on every query).
 */
public final class StoreReader {

    private final JdbcStore store;
    private final ReadModelTables tables;
    private JdbcEventLog log;
    private JdbcCheckpoints checkpoints;

    StoreReader(JdbcStore store, ReadModelTables tables) {
        this.store = store;
        this.tables = tables;
    }

    /**
     * The read models, which hold every committed event.
     *
     * @return the read models
     * @throws StoreException when an older wskemu left them behind the log (one line naming {@code wskemu rebuild})
     */
    public ReadModelView readModels() {
        Optional<Boolean> inline = tables.foldedInline();
        if (inline.isPresent() ? !inline.get() : tables.storedPosition() < head()) {
            throw StoreFailure.behind(store.location());
        }
        return tables;
    }

    /** {@return the recorded events, read straight from the event table} */
    public EventLog log() {
        return eventLog();
    }

    /**
     * The state as of any position, on the read models {@link #readModels()} gave (checkpoints in the
     * store's table, as the engine's timeline keeps them).
     *
     * @param current the read models caught up with the log, as {@link #readModels()} gave them
     * @return the timeline
     */
    public Timeline timeline(ReadModelView current) {
        return new Timeline(eventLog(), new LiveReadModels() {
            @Override
            public ReadModelView current() {
                return current;
            }

            @Override
            public ReadModelView rebuild() {
                throw new UnsupportedOperationException("a query does not rebuild");
            }
        }, new ReadOnlyCheckpoints(checkpoints()), Timeline.DEFAULT_CHECKPOINT_INTERVAL);
    }

    private long head() {
        return tables.query("SELECT MAX(globalIndex) FROM DomainEventEntry", rs -> rs.getLong(1))
                .stream().findFirst().orElse(0L);
    }

    private JdbcEventLog eventLog() {
        if (log == null) {
            log = new JdbcEventLog(store.connectionProvider(), EngineJackson.mapper(), store.location());
        }
        return log;
    }

    private JdbcCheckpoints checkpoints() {
        if (checkpoints == null) {
            checkpoints = new JdbcCheckpoints(tables, () -> EngineJackson.mapper(), store instanceof PostgresStore);
        }
        return checkpoints;
    }
}
