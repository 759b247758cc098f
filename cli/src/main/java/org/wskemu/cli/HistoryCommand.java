package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.wskemu.engine.EngineJackson;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.log.RunSummary;
import org.wskemu.engine.log.RecordedCalls;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu history [--from P] [--to P]}: every recorded call and decision with its position.
 * {@code --runs} (an extension of the contract's command list) lists the session runs instead, so
 * that after a crash the user sees how far each run got.
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

    @Option(names = "--json", description = "One JSON object per event (or per run).")
    boolean json;

    @Option(names = "--runs", description = "One line per session run: its number, first and last position, "
            + "the calls it recorded (a run cut short by a crash recorded the first ones of its file) and its file.")
    boolean runs;

    @Option(names = "--diverged", description = "Only the calls whose recorded expectation failed, with their "
            + "file line and what the recording expected.")
    boolean diverged;

    @Override
    public Integer call() {
        if (runs) {
            if (diverged) {
                throw new UserError(ExitCode.BAD_INPUT, "--runs lists whole runs: it takes no --diverged");
            }
            if (from != null || to != null) {
                throw new UserError(ExitCode.BAD_INPUT, "--runs lists whole runs: it takes no --from or --to");
            }
            return listRuns();
        }
        long first = from == null ? 1 : from;
        long last = to == null ? Long.MAX_VALUE : to;
        if (first < 0 || last < 0) {
            throw new UserError(ExitCode.BAD_INPUT, "positions are 0 or more");
        }
        if (first > last) {
            throw new UserError(ExitCode.BAD_INPUT, "--from " + first + " is after --to " + last);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (WskEmulator kernel = Machine.open(parent.global)) {
            EventText text = new EventText(kernel.readModels().sockets());
            RecordedCalls recorded = RecordedCalls.of(kernel.log());
            long[] shown = {0};
            try (Stream<LoggedEvent> events = kernel.log().read(Math.max(0, first - 1), last)) {
                events.filter(e -> !diverged || recorded.divergedAt(e.position())).forEach(e -> {
                    shown[0]++;
                    java.util.Optional<RecordedCalls.Entry> entry = recorded.at(e.position());
                    if (json) {
                        ObjectNode node = Json.object().put("position", e.position())
                                .put("time", e.timestamp().toString())
                                .put("type", e.event().getClass().getSimpleName())
                                .put("text", text.describe(e.event()));
                        node.set("event", EngineJackson.mapper().valueToTree(e.event()));
                        // issue #13: what the run recorded with this call (absent for events that are no call's
                        // last, and for stores written before)
                        entry.ifPresent(r -> {
                            node.put("run", r.run()).put("line", r.call().line());
                            node.put("expected", r.call().expect());
                            if (r.call().value() != null) {
                                node.put("expectedValue", r.call().value());
                            }
                            node.put("diverged", r.call().diverges());
                        });
                        out.println(Json.line(node));
                    } else {
                        out.printf("%6d  %-20s %s%s%n", e.position(), e.event().getClass().getSimpleName(),
                                text.describe(e.event()), entry.map(HistoryCommand::recordedText).orElse(""));
                    }
                });
            }
            if (shown[0] == 0 && !json) {
                out.println((diverged ? "no diverged calls" : "no events")
                        + (from != null || to != null ? " in that range" : "")
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

    private int listRuns() {
        PrintWriter out = spec.commandLine().getOut();
        List<RunSummary> summaries;
        try (WskEmulator kernel = Machine.open(parent.global); Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
            summaries = RunSummary.of(events);
        }
        if (json) {
            for (RunSummary run : summaries) {
                out.println(Json.line(Json.object().put("run", run.run()).put("source", run.source())
                        .put("first", run.first()).put("last", run.last()).put("calls", run.calls())
                        .put("divergences", run.divergences()).put("sha256", run.sha256())));
            }
        } else if (summaries.isEmpty()) {
            out.println("no runs (store " + Machine.describe(parent.global) + ")");
        } else {
            out.printf("%4s %8s %8s %8s %8s  %-64s  %s%n", "run", "first", "last", "calls", "diverged", "sha256",
                    "source");
            for (RunSummary run : summaries) {
                out.printf("%4d %8d %8d %8d %8d  %-64s  %s%n", run.run(), run.first(), run.last(), run.calls(),
                        run.divergences(), run.sha256() == null ? "-" : run.sha256(), run.source());
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
