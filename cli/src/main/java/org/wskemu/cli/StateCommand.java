package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wskemu state [--at P] [--port N]}: who holds which address, now or just after position P. */
@Command(name = "state", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show the live bindings (socket, run, protocol, address, option, process, bound at), "
                + "now or just after a position.")
final class StateCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--at", paramLabel = "POSITION", description = "Show the state just after this position.")
    Long at;

    @Option(names = "--port", paramLabel = "N", description = "Only bindings on this port.")
    Integer port;

    @Mixin
    ListingFormat format = new ListingFormat();

    /** The CSV header: the keys of the contract's JSON line, in its order. */
    static final List<String> COLUMNS = List.of("socket", "run", "protocol", "family", "address", "option", "process",
            "boundAt");

    @Override
    public Integer call() {
        if (at != null && at < 0) {
            throw new UserError(ExitCode.BAD_INPUT, "--at must be a position (0 or more), was " + at);
        }
        ListingFormat.Kind kind = format.kind();
        Positions.checkPort(port);
        PrintWriter out = spec.commandLine().getOut();
        try (Machine.Query kernel = Machine.query(parent.global, spec)) {
            // one consistent state on a shared store: the read models and, for --at, the log up to the position
            kernel.storage().inOneSnapshot(() -> {
                ReadModelView view = kernel.readModels();
                if (at != null) {
                    if (at > view.position()) {
                        throw new UserError(ExitCode.BAD_INPUT,
                                "position " + at + " is beyond the last recorded position " + view.position());
                    }
                    view = kernel.timeline().at(at);
                }
                print(out, kind, view, port, at, kernel.source());
                return null;
            });
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * Prints the bindings of {@code view} as {@code state} does (the debugger's {@code state} too).
     *
     * @param port   only the bindings on this port, or null
     * @param at     the position the view is as of, or null for now (named when nothing is bound)
     * @param source where the bindings come from, as the empty answer names it
     */
    static void print(PrintWriter out, ListingFormat.Kind kind, ReadModelView view, Integer port, Long at, String source) {
        List<OwnershipRow> rows = view.ownership().stream()
                .filter(r -> port == null || r.address().port() == port).toList();
        if (kind == ListingFormat.Kind.JSON) {
            rows.forEach(row -> out.println(Json.line(json(row))));
        } else if (kind == ListingFormat.Kind.CSV) {
            Csv.record(out, COLUMNS);
            rows.forEach(r -> Csv.record(out, List.of(r.label(), r.run().number(), r.protocol().label(), r.family().label(),
                    r.address(), r.option().name(), r.process().value(), r.boundAt())));
        } else {
            Table table = new Table("SOCKET", "RUN", "PROTOCOL", "ADDRESS", "OPTION", "PROCESS", "BOUND AT");
            // a dual-stack binding holds [::]:P and 0.0.0.0:P (SPEC.md 6a.1)
            rows.forEach(r -> table.row(r.label(), r.run().number(), r.protocol(),
                    r.address() + (r.dualStack() ? " (dual-stack)" : ""),
                    r.option().name(), r.process(), r.boundAt()));
            if (table.isEmpty()) {
                Human.line(out, "no live bindings" + (port != null ? " on port " + port : "")
                        + (at != null ? " just after position " + at : "")
                        + " (" + source + ")");
            } else {
                table.print(out);
            }
        }
    }

    static ObjectNode json(OwnershipRow row) {
        ObjectNode node = Json.object().put("socket", row.label()).put("run", row.run().number())
                .put("protocol", row.protocol().label()).put("family", row.family().label())
                .put("address", row.address().toString()).put("option", row.option().name())
                .put("process", row.process().value()).put("boundAt", row.boundAt());
        if (row.dualStack()) {
            // an extension of the contract's keys, only on a dual-stack binding (SPEC.md 6a.1)
            node.put("dualStack", true);
        }
        return node;
    }
}
