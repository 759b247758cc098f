package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.wskemu.api.NtStatus;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.RecordedCalls;
import org.wskemu.engine.readmodel.DecisionRow;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wskemu audit}: every bind decision, filterable by status, process and port. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List every bind decision: position, socket, run, process, address, option, profile, "
                + "status and the deciding cell.")
final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--status", paramLabel = "S", description = "Only this status (name or hex).")
    String status;

    @Option(names = "--process", paramLabel = "PID", description = "Only binds by this process.")
    Long process;

    @Option(names = "--port", paramLabel = "N", description = "Only binds on this port.")
    Integer port;

    @Option(names = "--diverged", description = "Only decisions whose recorded expectation failed.")
    boolean diverged;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    /** Output format: a table (default), JSON lines or CSV. */
    static final class Format {
        @Option(names = "--json", description = "One JSON object per decision.")
        boolean json;

        @Option(names = "--csv", description = "CSV with a header line.")
        boolean csv;
    }

    private static final List<String> COLUMNS = Arrays.asList("position", "socket", "run", "process", "requested",
            "address", "option", "profile", "status", "code", "cell", "decidingSocket", "reason");

    @Override
    public Integer call() {
        NtStatus wanted;
        try {
            wanted = status == null ? null : NtStatus.parse(status);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, "--status: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (WskEmulator kernel = Machine.open(parent.global)) {
            RecordedCalls recorded = diverged ? RecordedCalls.of(kernel.log()) : null;
            List<DecisionRow> rows = kernel.readModels().decisions().stream()
                    .filter(d -> recorded == null || recorded.divergedAt(d.position()))
                    .filter(d -> wanted == null || d.status() == wanted)
                    .filter(d -> process == null || d.process().value() == process)
                    .filter(d -> port == null || d.port() == port)
                    .toList();
            if (format.json) {
                rows.forEach(d -> out.println(Json.line(json(d))));
            } else if (format.csv) {
                out.println(Csv.line(COLUMNS));
                rows.forEach(d -> out.println(Csv.line(fields(d))));
            } else if (rows.isEmpty()) {
                out.println("no bind decisions match (store " + Machine.describe(parent.global) + ")");
            } else {
                Table table = new Table("POSITION", "SOCKET", "RUN", "PROCESS", "REQUESTED", "ADDRESS", "OPTION",
                        "PROFILE", "STATUS", "CELL");
                rows.forEach(d -> table.row(d.position(), d.label(), d.run(), d.process(), d.requested(), d.actual(),
                        d.option().name(), d.profile(), d.status().fullName(), d.decidingCell()));
                table.print(out);
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private static List<Object> fields(DecisionRow d) {
        return Arrays.asList(d.position(), d.label(), d.run(), d.process().value(), d.requested(), d.actual(),
                d.option().name(), d.profile().label(), d.status().fullName(), d.status().hex(), d.decidingCell(),
                d.decidingLabel(), d.reason());
    }

    private static ObjectNode json(DecisionRow d) {
        ObjectNode node = Json.object().put("position", d.position()).put("socket", d.label()).put("run", d.run())
                .put("process", d.process().value()).put("requested", d.requested().toString());
        if (d.actual() != null) {
            node.put("address", d.actual().toString());
        } else {
            node.putNull("address");
        }
        node.put("option", d.option().name()).put("profile", d.profile().label());
        Json.status(node, d.status());
        node.put("cell", d.decidingCell()).put("decidingSocket", d.decidingLabel()).put("reason", d.reason());
        return node;
    }
}
