package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.wskemu.api.NtStatus;
import org.wskemu.engine.log.RecordedCalls;
import org.wskemu.engine.readmodel.DecisionFilter;
import org.wskemu.engine.readmodel.DecisionRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu audit}: every bind decision, filterable by status, process, port, run, socket and
 * position range. A decision an access check made (granted or refused) shows its CHECK cell and the
 * ACE that decided, read from the recorded decision.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List every bind decision: position, socket, run, process, address, option, profile, "
                + "status, the deciding cell and, for an access check, the ACE that decided it.")
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

    @Option(names = "--run", paramLabel = "N", description = "Only binds of this session run.")
    Long run;

    @Option(names = "--socket", paramLabel = "L", description = "Only binds of sockets with this label.")
    String socket;

    @Option(names = "--from", paramLabel = "P", description = "Only decisions at this position or later.")
    Long from;

    @Option(names = "--to", paramLabel = "P", description = "Only decisions at this position or earlier.")
    Long to;

    @Mixin
    ListingFormat format = new ListingFormat();

    /** The CSV header; columns are only ever added at the end. */
    private static final List<String> COLUMNS = Arrays.asList("position", "socket", "run", "process", "requested",
            "address", "option", "profile", "status", "code", "cell", "decidingSocket", "reason", "ace", "line", "expected",
            "diverged");

    @Override
    public Integer call() {
        NtStatus wanted;
        try {
            wanted = status == null ? null : NtStatus.parse(status);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, "--status: " + e.getMessage());
        }
        Positions.checkRange(from, to);
        Positions.checkPort(port);
        ListingFormat.Kind kind = format.kind();
        PrintWriter out = spec.commandLine().getOut();
        try (Machine.Query kernel = Machine.query(parent.global, spec)) {
            // what the run recorded with each call (its file line, the expectation, whether it diverged): read
            // for --diverged and for the JSON and CSV that carry it, not for the table
            RecordedCalls recorded = diverged || kind != ListingFormat.Kind.TABLE ? RecordedCalls.of(kernel.log()) : null;
            // the filters in SQL (issue #15): only the wanted rows are read
            List<DecisionRow> rows = kernel.readModels()
                    .decisions(new DecisionFilter(wanted, process, port, run, socket, from, to)).stream()
                    .filter(d -> !diverged || recorded.divergedAt(d.position()))
                    .toList();
            AccessChecks checks = AccessChecks.of(kernel.log(), rows);
            switch (kind) {
                case JSON -> rows.forEach(d -> out.println(Json.line(json(d, checks.at(d.position()),
                        recorded.at(d.position())))));
                case CSV -> {
                    Csv.record(out, COLUMNS);
                    rows.forEach(d -> Csv.record(out, fields(d, checks.at(d.position()), recorded.at(d.position()))));
                }
                case TABLE -> {
                    if (rows.isEmpty()) {
                        Human.line(out, "no bind decisions match (store " + Machine.describe(parent.global) + ")");
                    } else {
                        Table table = new Table("POSITION", "SOCKET", "RUN", "PROCESS", "REQUESTED", "ADDRESS", "OPTION",
                                "PROFILE", "STATUS", "CELL", "ACE");
                        rows.forEach(d -> {
                            AccessChecks.Check check = checks.at(d.position());
                            table.row(d.position(), d.label(), d.run().number(), d.process(), d.requested(), d.actual(),
                                    d.option().name(), d.profile(), d.status().fullName(), cell(d, check),
                                    check == null ? null : check.aces());
                        });
                        table.print(out);
                    }
                }
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The cell that decided: the refusing one the read model keeps, else the CHECK cells that granted. */
    private static String cell(DecisionRow d, AccessChecks.Check check) {
        return d.decidingCell() != null || check == null ? d.decidingCell() : check.cells();
    }

    private static String decidingSocket(DecisionRow d, AccessChecks.Check check) {
        return d.decidingLabel() != null || check == null ? d.decidingLabel() : check.sockets();
    }

    private static List<Object> fields(DecisionRow d, AccessChecks.Check check, Optional<RecordedCalls.Entry> recorded) {
        return Arrays.asList(d.position(), d.label(), d.run().number(), d.process().value(), d.requested(), d.actual(),
                d.option().name(), d.profile().label(), d.status().fullName(), d.status().hex(), cell(d, check),
                decidingSocket(d, check), d.reason(), check == null ? null : check.aces(),
                recorded.map(r -> r.call().line()).orElse(null), recorded.map(r -> r.call().expect()).orElse(null),
                recorded.map(r -> r.call().diverges()).orElse(false));
    }

    private static ObjectNode json(DecisionRow d, AccessChecks.Check check, Optional<RecordedCalls.Entry> recorded) {
        ObjectNode node = Json.object().put("position", d.position()).put("socket", d.label()).put("run", d.run().number())
                .put("process", d.process().value()).put("requested", d.requested().toString());
        if (d.actual() != null) {
            node.put("address", d.actual().toString());
        } else {
            node.putNull("address");
        }
        node.put("option", d.option().name()).put("profile", d.profile().label());
        Json.status(node, d.status());
        node.put("cell", cell(d, check)).put("decidingSocket", decidingSocket(d, check)).put("reason", d.reason());
        node.put("ace", check == null ? null : check.aces());
        // what the run recorded with the call (null outside a run, or in a store written before)
        if (recorded.isPresent()) {
            node.put("line", recorded.get().call().line()).put("expected", recorded.get().call().expect());
        } else {
            node.putNull("line").putNull("expected");
        }
        node.put("diverged", recorded.map(r -> r.call().diverges()).orElse(false));
        return node;
    }
}
