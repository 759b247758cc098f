package org.wskemu.engine.timeline;

import java.util.List;
import java.util.stream.Stream;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.engine.readmodel.WarningRow;

/**
 * The read models as of any position P: the address ownership is the nearest checkpoint at or
 * before P plus the events up to P folded in memory, so a seek costs at most one checkpoint
 * interval of events whatever the log's length; decisions, warnings and sockets carry their
 * positions and are cut at P. The answer always equals folding the log from its start up to P.
 */
public final class Timeline {

    public static final int DEFAULT_CHECKPOINT_INTERVAL = 1_000;

    private final EventLog log;
    private final LiveReadModels live;
    private final CheckpointStore checkpoints;
    private final int interval;

    public Timeline(EventLog log, LiveReadModels live, int interval) {
        this(log, live, new InMemoryCheckpoints(), interval);
    }

    public Timeline(EventLog log, LiveReadModels live, CheckpointStore checkpoints, int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1");
        }
        this.log = log;
        this.live = live;
        this.checkpoints = checkpoints;
        this.interval = interval;
    }

    /** The state just after the event at {@code position} (everything up to and including it). */
    public ReadModelView at(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, was " + position);
        }
        ReadModelView now = live.current();
        extendCheckpoints(Math.min(position, now.position()));
        InMemoryReadModels folded = checkpoints.atOrBefore(position)
                .map(c -> InMemoryReadModels.seeded(c.position(), c.ownership()))
                .orElseGet(InMemoryReadModels::new);
        try (Stream<LoggedEvent> events = log.read(folded.position(), position)) {
            events.forEach(folded::fold);
        }
        return new Snapshot(folded.position(), folded.ownership(), position, now);
    }

    /** Folds from the latest checkpoint to {@code upTo}, saving a checkpoint every {@code interval} events. */
    private synchronized void extendCheckpoints(long upTo) {
        long latest = checkpoints.latest();
        if (upTo - latest < interval) {
            return;
        }
        InMemoryReadModels models = checkpoints.atOrBefore(latest)
                .map(c -> InMemoryReadModels.seeded(c.position(), c.ownership()))
                .orElseGet(InMemoryReadModels::new);
        int[] sinceLast = {0};
        try (Stream<LoggedEvent> events = log.read(latest, upTo)) {
            events.forEach(event -> {
                models.fold(event);
                if (++sinceLast[0] == interval) {
                    checkpoints.save(new Checkpoint(event.position(), models.ownership()));
                    sinceLast[0] = 0;
                }
            });
        }
    }

    /** Forgets the checkpoints (after a rebuild they are made again). */
    public void forgetCheckpoints() {
        checkpoints.clear();
    }

    /**
     * The state at a position: the ownership folded from a checkpoint; the other read models cut from
     * the live ones only when asked, so a seek for {@code state --at} reads no decision or warning.
     */
    private record Snapshot(long position, List<OwnershipRow> ownership, long cut, ReadModelView now)
            implements ReadModelView {

        @Override
        public List<DecisionRow> decisions() {
            return now.decisions().stream().filter(d -> d.position() <= cut).toList();
        }

        @Override
        public List<WarningRow> warnings() {
            return now.warnings().stream().filter(w -> w.position() <= cut).toList();
        }

        @Override
        public List<SocketRow> sockets() {
            return now.sockets().stream().filter(s -> s.createdAt() <= cut)
                    .map(s -> s.closedAt() > cut ? s.closed(0) : s).toList();
        }
    }
}
