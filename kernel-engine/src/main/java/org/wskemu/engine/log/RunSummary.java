package org.wskemu.engine.log;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.ControlRefused;
import org.wskemu.api.event.DescriptorSet;
import org.wskemu.api.event.EphemeralPortFreed;
import org.wskemu.api.event.EphemeralPortTaken;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.event.HostDeclared;
import org.wskemu.api.event.Ipv6OnlySet;
import org.wskemu.api.event.OptionRead;
import org.wskemu.api.event.PortBindingAdded;
import org.wskemu.api.event.PortBindingReleased;
import org.wskemu.api.event.ProcessDeclared;
import org.wskemu.api.event.RunEnded;
import org.wskemu.api.event.RunStarted;
import org.wskemu.api.event.SharingOptionSet;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.api.event.SocketRefused;
import org.wskemu.api.event.ThreadDeclared;
import org.wskemu.api.event.WskEvent;

/**
 * How far one session run got, read from the log alone: its first position (its {@link RunStarted}),
 * its last position (the event before the next run's, or the head) and how many calls it recorded.
 * A run killed mid-way shows the calls that reached the store: the session runner commits whole
 * batches of calls in file order, so they are the file's first {@code calls} call lines.
 *
 * <p>Several writers interleave their runs in one log (PostgreSQL): each batch of a run marks its
 * events with the run ({@link LoggedEvent#run()}), so a run's calls are counted exactly and its last
 * position is its own last event; events without a mark (stores written before the marks, embedding
 * calls) belong, as before, to the run started last before them.
 *
 * @param run    the run's number (from 1 per store)
 * @param source the session file as the run named it
 * @param first  the position of its RunStarted
 * @param last   the position of its last event
 * @param calls  the calls it recorded
 * @param sha256 the SHA-256 of the session it ran, or null (a run recorded before it was kept)
 * @param divergences the calls whose recorded expectation failed (0 for a run recorded before them)
 * @param ended  whether the run ended: its {@link RunEnded} is in the log, or, for a run that started before
 *               the log's first {@link RunEnded} (written before runs recorded their end), the lines of its
 *               calls, which a run records after its last call; a run that did not end was cut short
 *               (killed, failed, or copied while it ran), after {@code calls} calls
 */
public record RunSummary(long run, String source, long first, long last, long calls, String sha256,
                         long divergences, boolean ended) {

    /**
     * Checks the source is there.
     *
     * @param run    the run's number
     * @param source the session file's name
     * @param first  its first position
     * @param last   its last position
     * @param calls  the calls it recorded
     * @param sha256 the SHA-256 of the session it ran, or null
     * @param divergences the calls whose recorded expectation failed
     * @param ended  whether the run ended
     */
    public RunSummary {
        Objects.requireNonNull(source, "source");
    }

    /**
     * A run that ended.
     *
     * @param run    the run's number
     * @param source the session file's name
     * @param first  its first position
     * @param last   its last position
     * @param calls  the calls it recorded
     * @param sha256 the SHA-256 of the session it ran, or null
     * @param divergences the calls whose recorded expectation failed
     */
    public RunSummary(long run, String source, long first, long last, long calls, String sha256, long divergences) {
        this(run, source, first, last, calls, sha256, divergences, true);
    }

    /**
     * A run with no digest and no divergence recorded, as runs were recorded before those existed.
     *
     * @param run    the run's number
     * @param source the session file's name
     * @param first  its first position
     * @param last   its last position
     * @param calls  the calls it recorded
     */
    public RunSummary(long run, String source, long first, long last, long calls) {
        this(run, source, first, last, calls, null, 0);
    }

    /**
     * Every run of the log, in order; events before the first run (embedding calls) belong to none.
     *
     * @param log the events, in position order
     * @return one summary per run
     */
    public static List<RunSummary> of(Stream<LoggedEvent> log) {
        // by run number, in the order the runs started; an event its run marked goes to that run, one
        // without a mark (a store written before the marks, an embedding call) to the run started last
        // before it, as when one writer wrote the whole log
        Map<Long, RunSummary> runs = new LinkedHashMap<>();
        RunSummary[] current = {null};
        long[] firstEnd = {Long.MAX_VALUE};
        java.util.Set<Long> linesRecorded = new java.util.HashSet<>();
        log.forEach(logged -> {
            WskEvent event = logged.event();
            if (event instanceof RunStarted started) {
                RunSummary run = new RunSummary(started.run(), started.source(), logged.position(), logged.position(), 0,
                        started.sha256(), 0, false);
                runs.put(started.run(), run);
                current[0] = run;
                return;
            }
            RunSummary owner = logged.run() != null && runs.containsKey(logged.run()) ? runs.get(logged.run())
                    : current[0] == null ? null : runs.get(current[0].run);
            if (owner == null) {
                return;
            }
            long diverged = event instanceof CallsRecorded recorded
                    ? recorded.calls().stream().filter(CallsRecorded.Call::diverges).count() : 0;
            if (event instanceof RunEnded) {
                firstEnd[0] = Math.min(firstEnd[0], logged.position());
            } else if (event instanceof CallsRecorded) {
                linesRecorded.add(owner.run);
            }
            runs.put(owner.run, new RunSummary(owner.run, owner.source, owner.first, Math.max(owner.last, logged.position()),
                    owner.calls + (isCall(event) ? 1 : 0), owner.sha256, owner.divergences + diverged,
                    owner.ended || event instanceof RunEnded));
        });
        // a run written before runs recorded their end (it started before the log's first RunEnded) ended if
        // it recorded its lines, which a run does after its last call
        return runs.values().stream().map(r -> r.ended || r.first > firstEnd[0] || !linesRecorded.contains(r.run) ? r
                : new RunSummary(r.run, r.source, r.first, r.last, r.calls, r.sha256, r.divergences, true)).toList();
    }

    /**
     * Whether {@code event} stands for one call: every call records exactly one event that is not a
     * port's or the ephemeral range's half of a bind or close (and a run's start is no call).
     *
     * @param event a recorded event
     * @return whether it counts as a call
     */
    public static boolean isCall(WskEvent event) {
        return event.accept(IS_CALL);
    }

    /** Per event type: a call's own event (true), or a run's start or the half of a bind or close (false). */
    private static final WskEvent.Visitor<Boolean> IS_CALL = new WskEvent.Visitor<>() {
        @Override
        public Boolean processDeclared(ProcessDeclared e) {
            return true;
        }

        @Override
        public Boolean threadDeclared(ThreadDeclared e) {
            return true;
        }

        @Override
        public Boolean runStarted(RunStarted e) {
            return false;
        }

        @Override
        public Boolean socketCreated(SocketCreated e) {
            return true;
        }

        @Override
        public Boolean socketRefused(SocketRefused e) {
            return true;
        }

        @Override
        public Boolean sharingOptionSet(SharingOptionSet e) {
            return true;
        }

        @Override
        public Boolean descriptorSet(DescriptorSet e) {
            return true;
        }

        @Override
        public Boolean optionRead(OptionRead e) {
            return true;
        }

        @Override
        public Boolean controlRefused(ControlRefused e) {
            return true;
        }

        @Override
        public Boolean portBindingAdded(PortBindingAdded e) {
            return false;
        }

        @Override
        public Boolean socketBound(SocketBound e) {
            return true;
        }

        @Override
        public Boolean bindRefused(BindRefused e) {
            return true;
        }

        @Override
        public Boolean ephemeralPortTaken(EphemeralPortTaken e) {
            return false;
        }

        @Override
        public Boolean ephemeralPortFreed(EphemeralPortFreed e) {
            return false;
        }

        @Override
        public Boolean socketClosed(SocketClosed e) {
            return true;
        }

        @Override
        public Boolean portBindingReleased(PortBindingReleased e) {
            return false;
        }

        @Override
        public Boolean callRefused(CallRefused e) {
            return true;
        }

        @Override
        public Boolean ipv6OnlySet(Ipv6OnlySet e) {
            return true;
        }

        @Override
        public Boolean hostDeclared(HostDeclared e) {
            return true;
        }

        @Override
        public Boolean callsRecorded(CallsRecorded e) {
            return false; // what the file said about calls already counted, not a call
        }

        @Override
        public Boolean runEnded(RunEnded e) {
            return false; // the end of the calls, not a call
        }
    };
}
