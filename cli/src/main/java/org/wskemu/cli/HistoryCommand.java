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

    @Override
    public Integer call() {
        if (runs) {
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
        try (WskEmulator kernel = Machine.openExisting(parent.global, spec)) {
            EventText text = new EventText(kernel.readModels().sockets());
            long[] shown = {0};
            try (Stream<LoggedEvent> events = kernel.log().read(Math.max(0, first - 1), last)) {
                events.forEach(e -> {
                    shown[0]++;
                    if (json) {
                        ObjectNode node = Json.object().put("position", e.position())
                                .put("time", e.timestamp().toString())
                                .put("type", e.event().getClass().getSimpleName())
                                .put("text", text.describe(e.event()));
                        node.set("event", EngineJackson.mapper().valueToTree(e.event()));
                        out.println(Json.line(node));
                    } else {
                        out.printf("%6d  %-20s %s%n", e.position(), e.event().getClass().getSimpleName(),
                                text.describe(e.event()));
                    }
                });
            }
            if (shown[0] == 0 && !json) {
                out.println("no events" + (from != null || to != null ? " in that range" : "")
                        + " (store " + Machine.describe(parent.global) + ")");
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private int listRuns() {
        PrintWriter out = spec.commandLine().getOut();
        List<RunSummary> summaries;
        try (WskEmulator kernel = Machine.openExisting(parent.global, spec); Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
            summaries = RunSummary.of(events);
        }
        if (json) {
            for (RunSummary run : summaries) {
                out.println(Json.line(Json.object().put("run", run.run()).put("source", run.source())
                        .put("first", run.first()).put("last", run.last()).put("calls", run.calls())));
            }
        } else if (summaries.isEmpty()) {
            out.println("no runs (store " + Machine.describe(parent.global) + ")");
        } else {
            out.printf("%4s %8s %8s %8s  %s%n", "run", "first", "last", "calls", "source");
            for (RunSummary run : summaries) {
                out.printf("%4d %8d %8d %8d  %s%n", run.run(), run.first(), run.last(), run.calls(), run.source());
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
