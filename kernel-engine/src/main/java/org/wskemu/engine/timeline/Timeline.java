package org.wskemu.engine.timeline;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.WskEvent;
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

    /** Events between two checkpoints unless the engine is told otherwise. */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 1_000;

    private final EventLog log;
    private final LiveReadModels live;
    private final CheckpointStore checkpoints;
    private final int interval;

    /**
     * A timeline keeping its checkpoints in memory.
     *
     * @param log      the event log
     * @param live     the live read models (for what a seek does not fold)
     * @param interval events between two checkpoints, at least 1
     */
    public Timeline(EventLog log, LiveReadModels live, int interval) {
        this(log, live, new InMemoryCheckpoints(), interval);
    }

    /**
     * A timeline keeping its checkpoints in {@code checkpoints}.
     *
     * @param log         the event log
     * @param live        the live read models (for what a seek does not fold)
     * @param checkpoints where checkpoints are kept
     * @param interval    events between two checkpoints, at least 1
     * @throws IllegalArgumentException if {@code interval} is under 1
     */
    public Timeline(EventLog log, LiveReadModels live, CheckpointStore checkpoints, int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1");
        }
        this.log = log;
        this.live = live;
        this.checkpoints = checkpoints;
        this.interval = interval;
    }

    /** The events that change who holds an address; a seek folds only these. */
    public static final Set<Class<? extends WskEvent>> OWNERSHIP_EVENTS = Set.of(SocketBound.class, SocketClosed.class);

    /**
     * The state just after the event at {@code position} (everything up to and including it).
     *
     * @param position an event's position, 0 (before the first event) to the log's head
     * @return the read models as of that position
     * @throws IllegalArgumentException if {@code position} is negative or beyond the log's head (as
     *         {@code state --at} refuses it: a state that has not happened yet is no answer)
     */
    public ReadModelView at(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, was " + position);
        }
        long head = log.head();
        if (position > head) {
            throw new IllegalArgumentException("position " + position + " is beyond the last recorded position " + head);
        }
        long upTo = position;
        extendCheckpoints(upTo);
        InMemoryReadModels folded = checkpoints.atOrBefore(upTo)
                .map(c -> InMemoryReadModels.seeded(c.position(), c.ownership()))
                .orElseGet(InMemoryReadModels::new);
        try (Stream<LoggedEvent> events = log.readOfTypes(folded.position(), upTo, OWNERSHIP_EVENTS)) {
            events.forEach(folded::fold);
        }
        return new Snapshot(upTo, folded.ownership(), position, new Lazy(live));
    }

    /**
     * Folds the ownership from the latest checkpoint to {@code upTo}, saving a checkpoint every
     * {@code interval} positions, so later seeks fold at most one interval.
     */
    private synchronized void extendCheckpoints(long upTo) {
        long latest = checkpoints.latest();
        if (upTo - latest < interval) {
            return;
        }
        InMemoryReadModels models = checkpoints.atOrBefore(latest)
                .map(c -> InMemoryReadModels.seeded(c.position(), c.ownership()))
                .orElseGet(InMemoryReadModels::new);
        long[] mark = {latest + interval};
        try (Stream<LoggedEvent> events = log.readOfTypes(latest, upTo, OWNERSHIP_EVENTS)) {
            events.forEach(event -> {
                while (event.position() > mark[0]) {
                    checkpoints.save(new Checkpoint(mark[0], models.ownership()));
                    mark[0] += interval;
                }
                models.fold(event);
            });
        }
        while (mark[0] <= upTo) {
            checkpoints.save(new Checkpoint(mark[0], models.ownership()));
            mark[0] += interval;
        }
    }

    /** The live read models, asked for (and so caught up) only when a snapshot needs them. */
    private static final class Lazy {
        private final LiveReadModels live;
        private ReadModelView view;

        Lazy(LiveReadModels live) {
            this.live = live;
        }

        synchronized ReadModelView get() {
            if (view == null) {
                view = live.current();
            }
            return view;
        }
    }

    /**
     * The state at a position: the ownership folded from a checkpoint; the other read models cut from
     * the live ones only when asked, so a seek for {@code state --at} reads no decision or warning.
     */
    private record Snapshot(long position, List<OwnershipRow> ownership, long cut, Lazy live)
            implements ReadModelView {

        @Override
        public List<DecisionRow> decisions() {
            return live.get().decisions().stream().filter(d -> d.position() <= cut).toList();
        }

        @Override
        public List<WarningRow> warnings() {
            return live.get().warnings().stream().filter(w -> w.position() <= cut).toList();
        }

        @Override
        public List<SocketRow> sockets() {
            return live.get().sockets().stream().filter(s -> s.createdAt() <= cut)
                    .map(s -> s.closedAt() > cut ? s.closed(0) : s).toList();
        }
    }
}
