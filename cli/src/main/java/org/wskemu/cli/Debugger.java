package org.wskemu.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.wskemu.api.NtStatus;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.log.RunSummary;

/**
 * The time-travel debugger both faces share ({@code wskemu debug} at a prompt, {@code wskemu dap} for
 * editors): one run's calls, one cursor on a call, breakpoints and watches. A step either way moves
 * the cursor by one call and costs a seek (the state of a position is the timeline's nearest checkpoint
 * plus the events after it); running to a breakpoint or a watch scans the calls between.
 */
final class Debugger {

    /** What a breakpoint stops on. */
    enum Kind {
        /** The calls of one session file line. */
        LINE,
        /** The calls that bind, refuse, release or take one port. */
        PORT,
        /** The calls that came out with one status. */
        STATUS,
        /** The calls that diverged from their recorded expectation. */
        DIVERGED,
        /** The calls the emulator refused (any status that is not a success). */
        REFUSED
    }

    /**
     * A breakpoint: its number, what it stops on and an optional condition on the call.
     *
     * @param id        its number, shared with watches ({@code delete N})
     * @param kind      what it stops on
     * @param number    the line or port of a LINE or PORT breakpoint, else 0
     * @param status    the status of a STATUS breakpoint, else null
     * @param condition a condition the call must meet too, or null
     */
    record Breakpoint(int id, Kind kind, int number, NtStatus status, CallCondition condition) {

        boolean matches(DebugCall call) {
            boolean hit = switch (kind) {
                case LINE -> call.line() == number;
                case PORT -> call.port() != null && call.port() == number;
                case STATUS -> call.status() == status;
                case DIVERGED -> call.diverged();
                case REFUSED -> call.refused();
            };
            return hit && (condition == null || condition.test(call));
        }

        /** {@return the breakpoint as {@code break} takes it: {@code line 16}, {@code status STATUS_ACCESS_DENIED}} */
        String describe() {
            String what = switch (kind) {
                case LINE -> "line " + number;
                case PORT -> "port " + number;
                case STATUS -> "status " + status.fullName();
                case DIVERGED -> "diverged";
                case REFUSED -> "refused";
            };
            return what + (condition != null ? " if " + condition : "");
        }
    }

    /**
     * A watch: stop on a call that changes who holds a port.
     *
     * @param id   its number, shared with breakpoints
     * @param port the port watched
     */
    record Watch(int id, int port) {
    }

    /** Why the cursor stopped where it did. */
    enum Reason {
        /** Where a session starts. */
        ENTRY,
        /** One call forward or back. */
        STEP,
        /** A goto. */
        GOTO,
        /** A breakpoint. */
        BREAKPOINT,
        /** A watch. */
        WATCH,
        /** No breakpoint or watch before the run's end (forward) or start (back). */
        EDGE
    }

    /**
     * Where the cursor stopped and why.
     *
     * @param reason     why
     * @param call       the call at the cursor
     * @param breakpoint the breakpoint that stopped it, or null
     * @param watch      the watch that stopped it, or null
     * @param forward    whether the move was forward
     */
    record Stop(Reason reason, DebugCall call, Breakpoint breakpoint, Watch watch, boolean forward) {
    }

    /** How many calls a backward scan reads at a time. */
    private static final int BACKWARD_CHUNK = 512;

    private final DebugRun run;
    private final EventText text;
    private final TreeMap<Integer, Breakpoint> breakpoints = new TreeMap<>();
    private final TreeMap<Integer, Watch> watches = new TreeMap<>();
    private int nextId = 1;
    private int cursor;

    Debugger(DebugRun run) {
        this.run = run;
        this.text = EventText.on(run.recording().readModels());
    }

    DebugRun run() {
        return run;
    }

    /** {@return the index of the call at the cursor} */
    int cursor() {
        return cursor;
    }

    /** {@return the call at the cursor} */
    DebugCall current() {
        return call(cursor);
    }

    /** {@return the stop at the run's first call, where a session starts} */
    Stop entry() {
        cursor = 0;
        return new Stop(Reason.ENTRY, current(), null, null, true);
    }

    /** {@return the stop one call forward (the run's end stays where it is)} */
    Stop step() {
        if (cursor + 1 >= run.size()) {
            return new Stop(Reason.EDGE, current(), null, null, true);
        }
        cursor++;
        return new Stop(Reason.STEP, current(), null, null, true);
    }

    /** {@return the stop one call back (the run's start stays where it is)} */
    Stop back() {
        if (cursor == 0) {
            return new Stop(Reason.EDGE, current(), null, null, false);
        }
        cursor--;
        return new Stop(Reason.STEP, current(), null, null, false);
    }

    /** {@return the stop at the next breakpoint or watch after the cursor, or at the run's last call} */
    Stop forward() {
        return scanForward(cursor + 1);
    }

    /** {@return the stop at the first breakpoint from the run's first call on, that call included} */
    Stop launch() {
        return scanForward(0);
    }

    /** {@return the stop at the previous breakpoint or watch before the cursor, or at the run's first call} */
    Stop reverse() {
        for (int hi = cursor - 1; hi >= 0; hi -= BACKWARD_CHUNK) {
            int lo = Math.max(0, hi - BACKWARD_CHUNK + 1);
            List<Stop> hits = new ArrayList<>();
            scan(lo, hi, false, hits::add);
            if (!hits.isEmpty()) {
                Stop last = hits.get(hits.size() - 1);
                cursor = last.call().index();
                return last;
            }
        }
        cursor = 0;
        return new Stop(Reason.EDGE, current(), null, null, false);
    }

    /**
     * Moves the cursor to the call at {@code position}, or to the last call before it.
     *
     * @throws IllegalArgumentException when the position is outside the run
     */
    Stop gotoPosition(long position) {
        int index = run.indexAtOrBefore(position);
        if (index < 0 || position > run.position(run.size() - 1)) {
            throw new IllegalArgumentException("position " + position + " is outside run " + run.run() + " (its calls are at "
                    + run.position(0) + " to " + run.position(run.size() - 1) + ")");
        }
        return moveTo(index);
    }

    /**
     * Moves the cursor to the first call of a session file line.
     *
     * @throws IllegalArgumentException when the run recorded no line, or no call at that line
     */
    Stop gotoLine(int line) {
        requireLines();
        int index = run.firstAtLine(line, 0);
        if (index < 0) {
            throw new IllegalArgumentException("no call of run " + run.run() + " is at line " + line);
        }
        return moveTo(index);
    }

    /** Moves the cursor to a share of the run: 0% its first call, 100% its last. */
    Stop gotoPercent(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("a share of the run is 0% to 100%, was " + percent + "%");
        }
        return moveTo((int) Math.round(percent / 100 * (run.size() - 1)));
    }

    /** Moves the cursor to call {@code index}. */
    Stop moveTo(int index) {
        if (index < 0 || index >= run.size()) {
            throw new IllegalArgumentException("no call " + (index + 1) + " in run " + run.run() + " (" + run.size() + " calls)");
        }
        cursor = index;
        return new Stop(Reason.GOTO, current(), null, null, true);
    }

    /**
     * Adds a breakpoint.
     *
     * @throws IllegalArgumentException for a line breakpoint on a run that recorded no lines
     */
    Breakpoint addBreakpoint(Kind kind, int number, NtStatus status, CallCondition condition) {
        if (kind == Kind.LINE) {
            requireLines();
        }
        Breakpoint breakpoint = new Breakpoint(nextId++, kind, number, status, condition);
        breakpoints.put(breakpoint.id(), breakpoint);
        return breakpoint;
    }

    /** Adds a watch on a port's holders. */
    Watch addWatch(int port) {
        Watch watch = new Watch(nextId++, port);
        watches.put(watch.id(), watch);
        return watch;
    }

    /** {@return whether a breakpoint or watch numbered {@code id} was there (and is gone)} */
    boolean delete(int id) {
        return breakpoints.remove(id) != null | watches.remove(id) != null;
    }

    /** Removes every breakpoint of these kinds (an editor sends its whole list each time). */
    void clear(Set<Kind> kinds) {
        breakpoints.values().removeIf(b -> kinds.contains(b.kind()));
    }

    List<Breakpoint> breakpoints() {
        return List.copyOf(breakpoints.values());
    }

    List<Watch> watches() {
        return List.copyOf(watches.values());
    }

    /** {@return the calls of one session file line, in order} */
    List<Integer> callsAtLine(int line) {
        List<Integer> found = new ArrayList<>();
        for (int i = run.firstAtLine(line, 0); i >= 0; i = run.firstAtLine(line, i + 1)) {
            found.add(i);
        }
        return found;
    }

    /** The one clear line a run without recorded lines answers line breakpoints and gotos with. */
    private void requireLines() {
        if (!run.linesRecorded()) {
            throw new IllegalArgumentException("run " + run.run() + " recorded no file lines (a store written before "
                    + "lines were recorded): use positions, ports or statuses instead");
        }
    }

    /** A call's events are together and few (a bind's decision, its ports' halves, an ephemeral port's). */
    private static final int CALL_EVENTS = 8;

    /** {@return call {@code index}, read from the log} */
    DebugCall call(int index) {
        long position = run.position(index);
        LoggedEvent[] own = {null};
        LoggedEvent[] last = {null};
        try (Stream<LoggedEvent> events = run.recording().log().read(Math.max(0, position - CALL_EVENTS), position)) {
            events.forEach(e -> {
                own[0] = ownEvent(index, e, own[0]);
                last[0] = e;
            });
        }
        if (last[0] == null || last[0].position() != position) {
            throw new IllegalStateException("no event at position " + position);
        }
        return call(index, own[0] != null ? own[0] : last[0]);
    }

    /**
     * The call's own event among those read so far (a close's {@code SocketClosed}, not the port's
     * release that is its last event): the latest event that stands for a call and comes after the
     * run's previous call.
     */
    private LoggedEvent ownEvent(int index, LoggedEvent event, LoggedEvent own) {
        long previous = index == 0 ? 0 : run.position(index - 1);
        if (event.position() > previous && RunSummary.isCall(event.event())) {
            return event;
        }
        return own != null && own.position() > previous ? own : null;
    }

    /** The call's facts from its own event, at its position (that of its last event). */
    private DebugCall call(int index, LoggedEvent event) {
        EventFacts facts = EventFacts.of(event.event(), text);
        return new DebugCall(index, run.position(index), run.line(index), facts.op(), facts.socket(), facts.process(),
                facts.port(), facts.status(), run.diverged(index), text.describe(event.event()), event.event());
    }

    /** {@return the holders of {@code port} just after {@code position}: label, address and option of each} */
    Set<String> holders(int port, long position) {
        return run.recording().timeline().at(position).ownership().stream().filter(r -> r.address().port() == port)
                .map(r -> r.label() + " " + r.address() + " " + r.option().name()).collect(Collectors.toSet());
    }

    private Stop scanForward(int from) {
        if (from < run.size()) {
            List<Stop> hits = new ArrayList<>(1);
            if (onlyLines()) {
                for (int i = from; i < run.size() && hits.isEmpty(); i++) {
                    for (Breakpoint b : breakpoints.values()) {
                        if (run.line(i) == b.number()) {
                            hits.add(new Stop(Reason.BREAKPOINT, call(i), b, null, true));
                            break;
                        }
                    }
                }
            } else {
                scan(from, run.size() - 1, true, hits::add);
            }
            if (!hits.isEmpty()) {
                cursor = hits.get(0).call().index();
                return hits.get(0);
            }
        }
        cursor = run.size() - 1;
        return new Stop(Reason.EDGE, current(), null, null, true);
    }

    /** Whether every breakpoint is an unconditional line breakpoint and nothing is watched: the lines alone decide. */
    private boolean onlyLines() {
        return watches.isEmpty() && breakpoints.values().stream().allMatch(b -> b.kind() == Kind.LINE && b.condition() == null);
    }

    /**
     * Reads calls {@code lo..hi} in position order and hands on each that a breakpoint or watch stops
     * at; a forward scan stops at the first.
     */
    private void scan(int lo, int hi, boolean firstOnly, Consumer<Stop> hit) {
        if (breakpoints.isEmpty() && watches.isEmpty()) {
            return;
        }
        boolean[] done = {false};
        LoggedEvent[] own = {null};
        long after = Math.max(0, run.position(lo) - CALL_EVENTS);
        try (Stream<LoggedEvent> events = run.recording().log().read(after, run.position(hi))) {
            events.takeWhile(e -> !done[0]).forEach(e -> {
                int index = run.indexOf(e.position());
                if (index < lo) {
                    if (RunSummary.isCall(e.event())) {
                        own[0] = e;
                    }
                    return; // an event that is no call's last, or another run's
                }
                LoggedEvent ownEvent = ownEvent(index, e, own[0]);
                own[0] = null;
                DebugCall call = call(index, ownEvent != null ? ownEvent : e);
                Optional<Breakpoint> breakpoint = breakpoints.values().stream().filter(b -> b.matches(call)).findFirst();
                Stop stop = breakpoint.map(b -> new Stop(Reason.BREAKPOINT, call, b, null, firstOnly)).orElse(null);
                if (stop == null) {
                    stop = watchStop(call, firstOnly);
                }
                if (stop != null) {
                    hit.accept(stop);
                    done[0] = firstOnly;
                }
            });
        }
    }

    /** The stop of the first watch whose port's holders the call changed, or null. */
    private Stop watchStop(DebugCall call, boolean forward) {
        boolean bound = call.event() instanceof SocketBound;
        if (!bound && !(call.event() instanceof SocketClosed)) {
            return null; // only a bind or a close changes who holds a port
        }
        for (Watch watch : watches.values()) {
            if (bound && (call.port() == null || call.port() != watch.port())) {
                continue;
            }
            Set<String> before = call.index() == 0 ? Set.of() : holders(watch.port(), run.position(call.index() - 1));
            Set<String> after = holders(watch.port(), call.position());
            if (!before.equals(after)) {
                return new Stop(Reason.WATCH, call, null, watch, forward);
            }
        }
        return null;
    }
}
