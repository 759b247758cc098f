package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.engine.EngineJackson;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.log.RunSummary;
import org.wskemu.engine.log.RecordedCalls;
import org.wskemu.engine.readmodel.SocketRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu history [--from P] [--to P]}: every recorded call and decision with its position,
 * filterable by socket, port, process, status and op. {@code --runs} (an extension of the contract's
 * command list) lists the session runs instead, so that after a crash the user sees how far each run got.
 */
@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show the recorded calls and decisions, one event per line, with their positions.")
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "P", description = "First position to show (default: the first).")
    Long from;

    @Option(names = "--to", paramLabel = "P", description = "Last position to show (default: the last).")
    Long to;

    @Option(names = "--socket", paramLabel = "L", description = "Only events of sockets with this label.")
    String socket;

    @Option(names = "--port", paramLabel = "N", description = "Only events that bind, release, refuse or take this port.")
    Integer port;

    @Option(names = "--process", paramLabel = "PID",
            description = "Only events of this process: its declaration, its threads, its sockets and their calls.")
    Long process;

    @Option(names = "--status", paramLabel = "S", description = "Only events whose call came out with this status "
            + "(name or hex).")
    String status;

    @Option(names = "--op", paramLabel = "OP", completionCandidates = OpNames.class,
            description = "Only events of this op: process, thread, socket, set, get, bind, close or run.")
    String op;

    /** What completion offers for {@code --op}: the ops the filter takes. */
    static final class OpNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return EventFacts.OPS.iterator();
        }
    }

    @Mixin
    ListingFormat format = new ListingFormat();

    @Option(names = "--runs", description = "One line per session run: its number, first and last position, "
            + "the calls it recorded (a run cut short by a crash recorded the first ones of its file), the log's head digest "
            + "at its last position (to publish: any later change to the record up to there changes it) and its file; "
            + "a run that never ended (killed, or copied while it ran) is marked UNFINISHED.")
    boolean runs;

    @Option(names = "--diverged", description = "Only the calls whose recorded expectation failed, with their "
            + "file line and what the recording expected.")
    boolean diverged;

    /** The CSV header of the event list. */
    static final List<String> COLUMNS = List.of("position", "time", "type", "op", "socket", "process", "port", "status",
            "text");
    /** The CSV header of {@code --runs}. */
    static final List<String> RUN_COLUMNS = List.of("run", "first", "last", "calls", "divergences", "sha256", "source",
            "headDigest", "ended");

    @Override
    public Integer call() {
        ListingFormat.Kind kind = format.kind();
        if (runs) {
            if (diverged) {
                throw new UserError(ExitCode.BAD_INPUT, "--runs lists whole runs: it takes no --diverged");
            }
            if (from != null || to != null || socket != null || port != null || process != null || status != null
                    || op != null) {
                throw new UserError(ExitCode.BAD_INPUT, "--runs lists whole runs: it takes no position range or filter");
            }
            return listRuns(kind);
        }
        Positions.checkRange(from, to);
        Predicate<EventFacts> filter = filter();
        long first = from == null ? 1 : from;
        long last = to == null ? Long.MAX_VALUE : to;
        PrintWriter out = spec.commandLine().getOut();
        try (Machine.Query kernel = Machine.query(parent.global, spec)) {
            // each socket noted as the stream creates it, else read when an event names it (issues #15, #22)
            EventText text = EventText.on(kernel.readModels());
            RecordedCalls recorded = RecordedCalls.of(kernel.log());
            long[] shown = {0};
            if (kind == ListingFormat.Kind.CSV) {
                Csv.record(out, COLUMNS);
            }
            try (Stream<LoggedEvent> events = kernel.log().read(Math.max(0, first - 1), last)) {
                events.forEach(e -> {
                    text.streamed(e.event(), e.position());
                    EventFacts facts = EventFacts.of(e.event(), text);
                    if (!filter.test(facts) || diverged && !recorded.divergedAt(e.position())) {
                        return;
                    }
                    java.util.Optional<RecordedCalls.Entry> entry = recorded.at(e.position());
                    shown[0]++;
                    String type = e.event().getClass().getSimpleName();
                    switch (kind) {
                        case JSON -> {
                            ObjectNode node = Json.object().put("position", e.position())
                                    .put("time", e.timestamp().toString())
                                    .put("type", type)
                                    .put("text", text.describe(e.event()));
                            node.set("event", EngineJackson.mapper().valueToTree(e.event()));
                            // issue #13: what the run recorded with this call (absent for events that are no
                            // call's last, and for stores written before)
                            entry.ifPresent(r -> {
                                node.put("run", r.run()).put("line", r.call().line());
                                node.put("expected", r.call().expect());
                                if (r.call().value() != null) {
                                    node.put("expectedValue", r.call().value());
                                }
                                node.put("diverged", r.call().diverges());
                            });
                            out.println(Json.line(node));
                        }
                        case CSV -> Csv.record(out, java.util.Arrays.asList(e.position(), e.timestamp(), type,
                                facts.op(), facts.socket(), facts.process(), facts.port(),
                                facts.status() == null ? null : facts.status().fullName(), text.describe(e.event())));
                        case TABLE -> Human.line(out, "%6d  %-20s %s%s", e.position(), type, text.describe(e.event()),
                                entry.map(HistoryCommand::recordedText).orElse(""));
                    }
                });
            }
            if (shown[0] == 0 && kind == ListingFormat.Kind.TABLE) {
                boolean filtered = socket != null || port != null || process != null || status != null || op != null;
                Human.line(out, (diverged ? "no diverged calls" : "no events") + (filtered ? " match" : from != null || to != null ? " in that range" : "")
                        + " (store " + Machine.describe(parent.global) + ")");
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    /** {@code   [run 1 line 7, recorded STATUS_SUCCESS: DIVERGED]}. */
    static String recordedText(RecordedCalls.Entry entry) {
        return "  [run " + entry.run() + " line " + entry.call().line()
                + (entry.call().hasExpectation() ? ", recorded " + entry.call().describe() : "")
                + (entry.call().diverges() ? ": DIVERGED" : "") + "]";
    }

    /** The filters asked for, checked before the store is opened. */
    private Predicate<EventFacts> filter() {
        NtStatus wanted;
        try {
            wanted = status == null ? null : NtStatus.parse(status);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, "--status: " + e.getMessage());
        }
        String wantedOp = op == null ? null : op.toLowerCase(Locale.ROOT);
        if (wantedOp != null && !EventFacts.OPS.contains(wantedOp)) {
            throw new UserError(ExitCode.BAD_INPUT, "--op: unknown op '" + op + "' (expected "
                    + String.join(", ", EventFacts.OPS) + ")");
        }
        Positions.checkPort(port);
        return f -> (socket == null || socket.equals(f.socket()))
                && (port == null || port.equals(f.port()))
                && (process == null || process.equals(f.process()))
                && (wanted == null || wanted == f.status())
                && (wantedOp == null || wantedOp.equals(f.op()));
    }

    private int listRuns(ListingFormat.Kind kind) {
        PrintWriter out = spec.commandLine().getOut();
        List<RunSummary> summaries;
        Map<Long, String> heads;
        try (Machine.Query opened = Machine.query(parent.global, spec)) {
            try (Stream<LoggedEvent> events = opened.log().readAfter(0)) {
                summaries = RunSummary.of(events);
            }
            heads = opened.storage().checkChain(new java.util.TreeSet<>(summaries.stream().map(RunSummary::last).toList()))
                    .headsAt();
        }
        switch (kind) {
            case JSON -> summaries.forEach(run -> out.println(Json.line(Json.object().put("run", run.run())
                    .put("source", run.source()).put("first", run.first()).put("last", run.last())
                    .put("calls", run.calls()).put("divergences", run.divergences()).put("sha256", run.sha256())
                    .put("headDigest", heads.get(run.last())).put("ended", run.ended()))));
            case CSV -> {
                Csv.record(out, RUN_COLUMNS);
                summaries.forEach(run -> Csv.record(out, java.util.Arrays.asList(run.run(), run.first(), run.last(),
                        run.calls(), run.divergences(), run.sha256(), run.source(), heads.get(run.last()), run.ended())));
            }
            case TABLE -> {
                if (summaries.isEmpty()) {
                    Human.line(out, "no runs (store " + Machine.describe(parent.global) + ")");
                } else {
                    Human.line(out, "%4s %8s %8s %8s %11s  %-64s  %-64s  %s", "run", "first", "last", "calls", "divergences",
                            "sha256", "head digest", "source");
                    summaries.forEach(run -> Human.line(out, "%4d %8d %8d %8d %11d  %-64s  %-64s  %s", run.run(), run.first(),
                            run.last(), run.calls(), run.divergences(), run.sha256() == null ? "-" : run.sha256(),
                            heads.get(run.last()), run.source()));
                    summaries.stream().filter(run -> !run.ended())
                            .forEach(run -> Human.line(out, "UNFINISHED " + Unfinished.line(run)));
                }
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
