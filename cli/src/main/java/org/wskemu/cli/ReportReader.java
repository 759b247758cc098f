package org.wskemu.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.wskemu.api.NtStatus;
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
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.cli.Report.Call;
import org.wskemu.cli.Report.Explanation;
import org.wskemu.cli.Report.Flag;
import org.wskemu.cli.Report.Held;
import org.wskemu.cli.Report.Lane;
import org.wskemu.cli.Report.LaneKey;
import org.wskemu.cli.Report.Mark;
import org.wskemu.cli.Report.MarkKind;
import org.wskemu.cli.Report.Run;
import org.wskemu.cli.Report.RunHead;
import org.wskemu.cli.Report.Span;
import org.wskemu.cli.Report.Survey;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.log.RunSummary;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.engine.readmodel.WarningRow;

/**
 * Reads a report from a store without holding it whole (issue #22: {@code report --html} in
 * {@code -Xmx256m} on any store): {@link #survey} reads the log once up to the read models' position
 * and keeps figures only (the runs, the counts, the divergences, the bindings live at each run's start);
 * {@link #run} then reads one run's events alone, each time it is asked. It decides nothing: a bind's
 * explanation is the decision recorded in its event (what {@code explain} prints), any other call's is
 * {@link CallOutcome}'s.
 *
 * <p>An event belongs to the run its mark names, whatever the log order (writers interleave); one
 * without a mark (a store written before the marks, an embedding call) to the run started last
 * before it; events before any run to run 0.
 */
final class ReportReader {

    private static final Comparator<LaneKey> LANE_ORDER = Comparator.comparing(LaneKey::protocol)
            .thenComparing(LaneKey::family).thenComparingInt(LaneKey::port);

    private final ReadModelView view;
    private final EventLog log;
    private final Map<SocketId, SocketRow> sockets;
    private final EventText text;
    private final Map<Long, List<WarningRow>> warnings;
    private Survey survey;

    ReportReader(ReadModelView view, EventLog log) {
        this.view = view;
        this.log = log;
        List<SocketRow> rows = view.sockets();
        this.sockets = rows.stream().collect(Collectors.toMap(SocketRow::socket, r -> r, (a, b) -> a));
        this.text = new EventText(rows);
        this.warnings = view.warnings().stream().collect(Collectors.groupingBy(WarningRow::position));
    }

    /**
     * Writes the page of everything the store recorded to {@code out}, run by run.
     *
     * @param view     the read models, caught up with the log
     * @param log      the recorded events
     * @param store    the store as the user named it
     * @param location its absolute path, or null for a store in memory
     * @param out      where the page goes
     * @throws IOException when {@code out} refuses it
     */
    static void write(ReadModelView view, EventLog log, String store, String location, Writer out) throws IOException {
        ReportReader reader = new ReportReader(view, log);
        HtmlReport.write(reader.survey(store, location), reader::run, out);
    }

    /**
     * The store in figures, from one pass over its log up to the read models' position (so that the
     * runs and the warnings describe the same moment).
     *
     * @param store    the store as the user named it
     * @param location its absolute path, or null for a store in memory
     */
    Survey survey(String store, String location) {
        SurveyPass pass = new SurveyPass();
        try (Stream<LoggedEvent> events = log.read(0, view.position())) {
            events.forEach(pass::accept);
        }
        List<RunHead> runs = new ArrayList<>();
        // a run written before runs recorded their end: RunSummary's rule (it ended if it recorded its lines)
        Map<Long, Boolean> ended = new HashMap<>();
        try (Stream<LoggedEvent> events = log.readOfTypes(0, view.position(),
                Set.of(RunStarted.class, RunEnded.class, CallsRecorded.class))) {
            RunSummary.of(events).forEach(r -> ended.put(r.run(), r.ended()));
        }
        pass.runs.values().forEach(r -> runs.add(new RunHead(r.number, r.source, r.first, r.last, r.calls,
                r.number == 0 || ended.getOrDefault(r.number, r.ended), r.held)));
        survey = new Survey(store, location, view.position(), runs, pass.calls, pass.refused, pass.decisions,
                pass.diverged, pass.ports, pass.outcomes, List.copyOf(pass.profiles), view.warnings());
        return survey;
    }

    /** The survey's pass: figures only, no call kept. */
    private final class SurveyPass {
        final Map<Long, RunFigures> runs = new LinkedHashMap<>();
        final Map<SocketId, Held> live = new LinkedHashMap<>();
        final Map<Long, Flag.Diverged> diverged = new HashMap<>();
        final TreeMap<Integer, Integer> ports = new TreeMap<>();
        final TreeSet<String> outcomes = new TreeSet<>();
        final Set<ProfileId> profiles = new LinkedHashSet<>();
        RunFigures current;
        long calls;
        long refused;
        long decisions;

        void accept(LoggedEvent logged) {
            WskEvent event = logged.event();
            long position = logged.position();
            if (event instanceof RunStarted started) {
                current = new RunFigures(started.run(), started.source(), position, List.copyOf(live.values()));
                runs.put(started.run(), current);
                return;
            }
            RunFigures owner = logged.run() != null && runs.containsKey(logged.run()) ? runs.get(logged.run()) : current;
            if (owner == null) {
                // [emulator choice] calls recorded before any session run (through the embedding API)
                // are shown as run 0, the number the read models give their sockets.
                owner = new RunFigures(0, "calls outside any session run", position, List.of());
                runs.put(0L, owner);
                current = owner;
            }
            owner.last = Math.max(owner.last, position);
            if (event instanceof RunEnded) {
                owner.ended = true;
            } else if (event instanceof CallsRecorded recorded) {
                recorded.calls().stream().filter(CallsRecorded.Call::diverges)
                        .forEach(c -> diverged.put(c.position(), new Flag.Diverged(c.line(), c.describe())));
            } else if (RunSummary.isCall(event)) {
                owner.calls++;
                calls++;
                NtStatus status;
                if (event instanceof SocketBound e) {
                    Binding b = e.binding();
                    live.put(e.socket(), new Held(e.socket(), lane(b.protocol().label(), b.address()), b.label(),
                            b.address().toString()));
                    decided(e.decision().status(), e.decision().profile(), b.address().port());
                    status = e.decision().status();
                } else if (event instanceof BindRefused e) {
                    decided(e.decision().status(), e.decision().profile(), e.decision().requested().port());
                    status = e.decision().status();
                } else {
                    if (event instanceof SocketClosed e && e.released() != null) {
                        live.remove(e.socket());
                    }
                    status = CallOutcome.of(event, text).status();
                }
                if (status != null && !status.isSuccess()) {
                    refused++;
                }
            }
        }

        private void decided(NtStatus status, ProfileId profile, int port) {
            decisions++;
            ports.merge(port, 1, Integer::sum);
            outcomes.add(HtmlReport.outcome(status));
            profiles.add(profile);
        }
    }

    /** A run's figures, while the survey reads. */
    private static final class RunFigures {
        final long number;
        final String source;
        final long first;
        final List<Held> held;
        long last;
        long calls;
        boolean ended;

        RunFigures(long number, String source, long first, List<Held> held) {
            this.number = number;
            this.source = source;
            this.first = first;
            this.last = first;
            this.held = held;
        }
    }

    /**
     * One run, read from its own events (between its first and last positions); what it holds is that
     * run's: its lanes, its bind decisions, its other calls worth a look.
     *
     * @param head the run, as {@link #survey} found it (called first)
     */
    Run run(RunHead head) {
        RunBuilder builder = new RunBuilder(head);
        Set<Long> known = survey.runs().stream().map(RunHead::number).collect(Collectors.toSet());
        long[] current = {head.number() == 0 ? 0 : -1};
        try (Stream<LoggedEvent> events = log.read(head.first() - 1, head.last())) {
            events.forEach(logged -> {
                if (logged.event() instanceof RunStarted started) {
                    current[0] = started.run();
                    return;
                }
                long owner = logged.run() != null && known.contains(logged.run()) ? logged.run() : current[0];
                if (owner == head.number()) {
                    builder.accept(logged);
                }
            });
        }
        return builder.build();
    }

    private static LaneKey lane(String protocol, TransportAddress address) {
        return new LaneKey(protocol, address.family().label(), address.port());
    }

    /** A run being read. */
    private final class RunBuilder {
        final RunHead head;
        final Map<LaneKey, LaneBuilder> lanes = new TreeMap<>(LANE_ORDER);
        final List<Call> decisions = new ArrayList<>();
        final List<Call> others = new ArrayList<>();
        /** The bindings live in this run: held into it, or bound by it, and not yet closed by it. */
        final Map<SocketId, Live> live = new LinkedHashMap<>();

        /** A binding being held: its lane, and where its span in this run starts. */
        private record Live(LaneKey lane, String label, String address, long from, boolean heldBefore) {
        }

        RunBuilder(RunHead head) {
            this.head = head;
            head.held().forEach(h -> live.put(h.socket(), new Live(h.lane(), h.label(), h.address(), head.first(), true)));
        }

        LaneBuilder lane(LaneKey key) {
            return lanes.computeIfAbsent(key, k -> new LaneBuilder());
        }

        void accept(LoggedEvent logged) {
            WskEvent event = logged.event();
            long position = logged.position();
            if (!RunSummary.isCall(event)) {
                return;
            }
            List<Flag> flags = new ArrayList<>();
            if (event instanceof SocketBound e) {
                Binding binding = e.binding();
                LaneKey key = ReportReader.lane(binding.protocol().label(), binding.address());
                lane(key).marks.add(new Mark(position, MarkKind.BIND, e.decision().status(), e.socket(), binding.label()));
                live.put(e.socket(), new Live(key, binding.label(), binding.address().toString(), position, false));
                decisions.add(new Call(position, "bind", binding.label(), e.decision().status(), null,
                        new Explanation.Bind(binding.label(), binding.run().number(), binding.process().value(), e.decision()),
                        flags(position, flags)));
            } else if (event instanceof BindRefused e) {
                SocketRow socket = sockets.get(e.socket());
                // a refusal names no protocol: the socket's category implies it (SPEC.md 2)
                String protocol = socket == null ? "?"
                        : socket.category().protocol().map(TransportProtocol::label).orElse("?");
                lane(ReportReader.lane(protocol, e.decision().requested())).marks.add(
                        new Mark(position, MarkKind.BIND, e.decision().status(), e.socket(), e.label()));
                flags.add(new Flag.Refused(e.decision().status()));
                decisions.add(new Call(position, "bind", e.label(), e.decision().status(), null,
                        new Explanation.Bind(e.label(), e.run().number(), e.process().value(), e.decision()),
                        flags(position, flags)));
            } else {
                CallOutcome outcome = CallOutcome.of(event, text);
                if (event instanceof SocketClosed e && e.released() != null) {
                    Live held = live.remove(e.socket());
                    LaneKey key = ReportReader.lane(e.released().protocol().label(), e.released().address());
                    lane(key).marks.add(new Mark(position, MarkKind.CLOSE, outcome.status(), e.socket(),
                            e.released().label()));
                    if (held != null) {
                        lane(held.lane()).spans.add(new Span(e.socket(), held.label(), held.address(), held.from(),
                                position, held.heldBefore(), false));
                    }
                }
                if (outcome.status() != null && !outcome.status().isSuccess()) {
                    flags.add(new Flag.Refused(outcome.status()));
                }
                flags(position, flags);
                if (!flags.isEmpty()) {
                    others.add(new Call(position, outcome.op(), outcome.socket(), outcome.status(), text.describe(event),
                            new Explanation.Settled(outcome), flags));
                }
            }
        }

        private List<Flag> flags(long position, List<Flag> flags) {
            warnings.getOrDefault(position, List.of()).forEach(w -> flags.add(new Flag.Misuse(w.kind(), w.message())));
            Flag.Diverged diverged = survey.diverged().get(position);
            if (diverged != null) {
                flags.add(diverged);
            }
            return flags;
        }

        /** The run: bindings still held show to its end (they outlive it, or another run closed them). */
        Run build() {
            List<LaneKey> inherited = new ArrayList<>();
            live.forEach((socket, h) -> {
                LaneBuilder lane = lanes.get(h.lane());
                if (lane == null || lane.marks.isEmpty()) {
                    // issue #26: a port held from earlier runs that this run never touched: named, not drawn
                    if (!inherited.contains(h.lane())) {
                        inherited.add(h.lane());
                    }
                } else {
                    lane.spans.add(new Span(socket, h.label(), h.address(), h.from(), head.last(), h.heldBefore(), true));
                }
            });
            inherited.sort(LANE_ORDER);
            List<Lane> built = new ArrayList<>();
            lanes.forEach((key, lane) -> {
                if (!lane.marks.isEmpty()) {
                    built.add(new Lane(key, lane.spans, lane.marks));
                }
            });
            return new Run(head, built, inherited, decisions, others);
        }
    }

    /** A lane being read. */
    private static final class LaneBuilder {
        final List<Span> spans = new ArrayList<>();
        final List<Mark> marks = new ArrayList<>();
    }
}
