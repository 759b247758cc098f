package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.wskemu.engine.EngineJackson;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.LoggedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wskemu history [--from P] [--to P]}: every recorded call and decision with its position. */
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

    @Option(names = "--json", description = "One JSON object per event.")
    boolean json;

    @Override
    public Integer call() {
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
}
