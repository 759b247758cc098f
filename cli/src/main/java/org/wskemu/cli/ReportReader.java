package org.wskemu.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.event.RunEnded;
import org.wskemu.api.event.RunStarted;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.WskEvent;
import org.wskemu.api.sharing.Binding;
import org.wskemu.cli.Report.Call;
import org.wskemu.cli.Report.Explanation;
import org.wskemu.cli.Report.Flag;
import org.wskemu.cli.Report.Lane;
import org.wskemu.cli.Report.LaneKey;
import org.wskemu.cli.Report.Mark;
import org.wskemu.cli.Report.MarkKind;
import org.wskemu.cli.Report.Run;
import org.wskemu.cli.Report.Span;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.log.RunSummary;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.engine.readmodel.WarningRow;

/**
 * Reads a {@link Report} from a store in one pass over its log, up to the read models' position so
 * that the timeline, the audit table and the warnings describe the same moment. It decides nothing:
 * a bind's explanation is the decision recorded in its event (what {@code explain} prints), any
 * other call's is {@link CallOutcome}'s, and the audit rows are the read model's.
 */
final class ReportReader {

    private static final Comparator<LaneKey> LANE_ORDER = Comparator.comparing(LaneKey::protocol)
            .thenComparing(LaneKey::family).thenComparingInt(LaneKey::port);

    private final Map<SocketId, SocketRow> sockets;
    private final EventText text;
    private final Map<Long, List<WarningRow>> warnings;
    /**
     * Where each call stands (its run's list, its index) by position, so a run's recorded expectations,
     * written after its calls, can flag the ones that diverged in this same read of the log.
     */
    private final Map<Long, Slot> slots = new HashMap<>();

    private record Slot(List<Call> calls, int index) {
    }
    /** The runs by number, in the order they started; each takes the events its run marked. */
    private final Map<Long, RunBuilder> builders = new LinkedHashMap<>();
    /** Live bindings by socket, carried from run to run as the store carries them. */
    private final Map<SocketId, Held> held = new LinkedHashMap<>();
    /** The run started last: it takes the events no run marked (a store written before the marks). */
    private RunBuilder current;

    /** A binding being held: its lane, and where its span in the current run starts. */
    private record Held(LaneKey lane, String label, String address, long from, boolean heldBefore) {
    }

    private ReportReader(ReadModelView view) {
        this.sockets = view.sockets().stream().collect(Collectors.toMap(SocketRow::socket, r -> r, (a, b) -> a));
        this.text = new EventText(view.sockets());
        this.warnings = view.warnings().stream().collect(Collectors.groupingBy(WarningRow::position));
    }

    /**
     * The report of everything the store recorded.
     *
     * @param view     the read models, caught up with the log
     * @param log      the recorded events
     * @param store    the store as the user named it
     * @param location its absolute path, or null for a store in memory
     */
    static Report read(ReadModelView view, EventLog log, String store, String location) {
        ReportReader reader = new ReportReader(view);
        try (Stream<LoggedEvent> events = log.read(0, view.position())) {
            events.forEach(reader::accept);
        }
        List<Run> runs = new ArrayList<>();
        reader.builders.values().forEach(b -> runs.add(b.build()));
        return new Report(store, location, view.position(), runs, view.decisions(), view.warnings());
    }

    private void accept(LoggedEvent logged) {
        WskEvent event = logged.event();
        long position = logged.position();
        if (event instanceof RunStarted started) {
            current = new RunBuilder(started.run(), started.source(), position);
            builders.put(started.run(), current);
            // the bindings live when it starts: held into it from earlier runs (issue #26: shown apart, and
            // collapsed into one line when the run never touches their port)
            held.forEach((socket, h) -> current.held.put(socket, new Held(h.lane(), h.label(), h.address(), position, true)));
            return;
        }
        // issue #26: an event belongs to the run its mark names, whatever the log order (writers interleave)
        RunBuilder owner = logged.run() != null && builders.containsKey(logged.run()) ? builders.get(logged.run()) : current;
        if (owner == null) {
            // [emulator choice] calls recorded before any session run (through the embedding API)
            // are shown as run 0, the number the read models give their sockets.
            owner = new RunBuilder(0, "calls outside any session run", position);
            builders.put(0L, owner);
            current = owner;
        }
        owner.last = Math.max(owner.last, position);
        if (event instanceof RunEnded) {
            owner.ended = true;
            return;
        }
        if (event instanceof CallsRecorded recorded) {
            // what the session file expected of calls already read: flag the ones that diverged
            recorded.calls().stream().filter(CallsRecorded.Call::diverges).forEach(this::flagDiverged);
            return;
        }
        if (!RunSummary.isCall(event)) {
            return;
        }
        List<Flag> flags = new ArrayList<>();
        Call call;
        if (event instanceof SocketBound e) {
            Binding binding = e.binding();
            LaneKey lane = lane(binding.protocol().label(), binding.address());
            owner.lane(lane).marks.add(new Mark(position, MarkKind.BIND, e.decision().status(), e.socket(),
                    binding.label()));
            Held bound = new Held(lane, binding.label(), binding.address().toString(), position, false);
            held.put(e.socket(), bound);
            owner.held.put(e.socket(), bound);
            call = new Call(position, "bind", binding.label(), e.decision().status(), text.describe(event),
                    new Explanation.Bind(binding.label(), binding.run().number(), binding.process().value(), e.decision()),
                    flags(position, flags));
        } else if (event instanceof BindRefused e) {
            SocketRow socket = sockets.get(e.socket());
            // a refusal names no protocol: the socket's category implies it (SPEC.md 2)
            String protocol = socket == null ? "?"
                    : socket.category().protocol().map(TransportProtocol::label).orElse("?");
            LaneKey lane = lane(protocol, e.decision().requested());
            owner.lane(lane).marks.add(new Mark(position, MarkKind.BIND, e.decision().status(), e.socket(),
                    e.label()));
            flags.add(new Flag.Refused(e.decision().status()));
            call = new Call(position, "bind", e.label(), e.decision().status(), text.describe(event),
                    new Explanation.Bind(e.label(), e.run().number(), e.process().value(), e.decision()),
                    flags(position, flags));
        } else {
            CallOutcome outcome = CallOutcome.of(event, text);
            if (event instanceof SocketClosed e && e.released() != null) {
                held.remove(e.socket());
                Held h = owner.held.remove(e.socket());
                LaneKey lane = lane(e.released().protocol().label(), e.released().address());
                owner.lane(lane).marks.add(new Mark(position, MarkKind.CLOSE, outcome.status(), e.socket(),
                        e.released().label()));
                if (h != null) {
                    owner.lane(h.lane()).spans.add(new Span(e.socket(), h.label(), h.address(), h.from(), position,
                            h.heldBefore(), false));
                }
            }
            if (outcome.status() != null && !outcome.status().isSuccess()) {
                flags.add(new Flag.Refused(outcome.status()));
            }
            call = new Call(position, outcome.op(), outcome.socket(), outcome.status(), text.describe(event),
                    new Explanation.Settled(outcome), flags(position, flags));
        }
        slots.put(position, new Slot(owner.calls, owner.calls.size()));
        owner.calls.add(call);
    }

    private void flagDiverged(CallsRecorded.Call recorded) {
        Slot slot = slots.get(recorded.position());
        if (slot == null) {
            return; // a call past the read models' position, or before the log this report read
        }
        Call call = slot.calls().get(slot.index());
        List<Flag> flags = new ArrayList<>(call.flags());
        flags.add(new Flag.Diverged(recorded.line(), recorded.describe()));
        slot.calls().set(slot.index(), new Call(call.position(), call.op(), call.socket(), call.status(), call.text(),
                call.explanation(), flags));
    }

    private List<Flag> flags(long position, List<Flag> flags) {
        warnings.getOrDefault(position, List.of()).forEach(w -> flags.add(new Flag.Misuse(w.kind(), w.message())));
        return flags;
    }

    private static LaneKey lane(String protocol, TransportAddress address) {
        return new LaneKey(protocol, address.family().label(), address.port());
    }

    /** A run being read. */
    private static final class RunBuilder {
        final long number;
        final String source;
        final long first;
        long last;
        final Map<LaneKey, LaneBuilder> lanes = new TreeMap<>(LANE_ORDER);
        final List<Call> calls = new ArrayList<>();
        /** The bindings live in this run: held into it, or bound by it, and not yet closed by it. */
        final Map<SocketId, Held> held = new LinkedHashMap<>();
        boolean ended;

        RunBuilder(long number, String source, long first) {
            this.number = number;
            this.source = source;
            this.first = first;
            this.last = first;
        }

        LaneBuilder lane(LaneKey key) {
            return lanes.computeIfAbsent(key, k -> new LaneBuilder());
        }

        /** The run: bindings still held show to its end (they outlive it, or another run closed them). */
        Run build() {
            held.forEach((socket, h) -> lane(h.lane()).spans.add(new Span(socket, h.label(), h.address(), h.from(), last,
                    h.heldBefore(), true)));
            List<Lane> built = new ArrayList<>();
            // issue #26: the ports the run touched first, then those it only held from earlier runs
            lanes.forEach((key, lane) -> {
                if (!lane.marks.isEmpty()) {
                    built.add(new Lane(key, lane.spans, lane.marks));
                }
            });
            lanes.forEach((key, lane) -> {
                if (lane.marks.isEmpty()) {
                    built.add(new Lane(key, lane.spans, lane.marks));
                }
            });
            return new Run(number, source, first, last, built, calls, ended || number == 0);
        }
    }

    /** A lane being read. */
    private static final class LaneBuilder {
        final List<Span> spans = new ArrayList<>();
        final List<Mark> marks = new ArrayList<>();
    }
}
