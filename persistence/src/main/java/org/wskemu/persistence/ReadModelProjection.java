package org.wskemu.persistence;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.wskemu.api.event.WskEvent;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.Projector;
import org.wskemu.engine.timeline.Checkpoint;

/**
 * The tracking processor's handler: folds each event into the H2 read-model tables with the one
 * {@link Projector}, in the processor's transaction, so a row commits with the processor's token.
 */
@ProcessingGroup(ReadModelProjection.PROCESSOR)
final class ReadModelProjection {

    static final String PROCESSOR = "wskemu-read-models";
    private static final String FLUSH_KEY = ReadModelProjection.class.getName() + ".flush";

    private final ReadModelTables tables;
    private final JdbcCheckpoints checkpoints;
    private final int checkpointInterval;
    private int sinceCheckpoint;
    /** The token index after the previous event of the current batch; -1 at a batch's start. */
    private long previousIndex = -1;

    /**
     * @param checkpointInterval events between two timeline checkpoints, written in the same
     *                           transaction as the rows they summarise
     */
    ReadModelProjection(ReadModelTables tables, JdbcCheckpoints checkpoints, int checkpointInterval) {
        this.tables = tables;
        this.checkpoints = checkpoints;
        this.checkpointInterval = checkpointInterval;
    }

    @EventHandler
    void on(WskEvent event, EventMessage<?> message, TrackingToken token) {
        boolean inBatch = CurrentUnitOfWork.isStarted();
        boolean batchStart = true;
        if (inBatch) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (root.resources().putIfAbsent(FLUSH_KEY, Boolean.TRUE) == null) {
                root.onPrepareCommit(u -> endOfBatch());
                root.onRollback(u -> sinceCheckpoint = 0);
            } else {
                batchStart = false;
            }
        }
        long position = positionOf(message, token, batchStart);
        Projector.apply(new LoggedEvent(position, message.getIdentifier(), message.getTimestamp(), event), tables);
        sinceCheckpoint++;
        if (!inBatch) {
            endOfBatch();
        }
    }

    /** The batch's position, and a timeline checkpoint when enough events have passed since the last. */
    private void endOfBatch() {
        long position = tables.pendingPosition();
        tables.flushPosition();
        if (sinceCheckpoint >= checkpointInterval && position > 0) {
            checkpoints.save(new Checkpoint(position, tables.ownership()));
            sinceCheckpoint = 0;
        }
    }

    /**
     * The event's own global index. Not always the token's position: a gap-aware token's position is the
     * highest index seen, so for an event committed after a later one (concurrent transactions commit
     * out of order, filling a gap the processor skipped) it is that later event's position. Within one
     * batch the tokens are one stream's steps (Axon's {@code GapAwareTrackingToken.advanceTo}): a step
     * that raises the index raises it to the event's own index, and a step that fills a gap leaves it.
     * So an event whose token raised the previous event's index is at that index, with no query; the
     * first event of each batch, and any that filled a gap, are looked up by identifier.
     */
    private long positionOf(EventMessage<?> message, TrackingToken token, boolean batchStart) {
        long previous = batchStart ? -1 : previousIndex;
        previousIndex = -1;
        if (!(token instanceof GapAwareTrackingToken gapAware)) {
            return lookUp(message, token);
        }
        long index = gapAware.getIndex();
        long position = previous >= 0 && index > previous ? index : lookUp(message, token);
        previousIndex = index;
        return position;
    }

    private long lookUp(EventMessage<?> message, TrackingToken token) {
        return tables.query("SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = ?", rs -> rs.getLong(1),
                        message.getIdentifier()).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("event " + message.getIdentifier() + " at " + token
                        + " is not in the event store"));
    }

    /** Before a replay: the read models start from nothing. */
    @ResetHandler
    void reset() {
        tables.clear();
        sinceCheckpoint = 0;
        previousIndex = -1;
    }
}
