package org.wskemu.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wskemu state [--at P]}: who holds which address, now or just after position P. */
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

    @Option(names = "--json", description = "One JSON object per live binding.")
    boolean json;

    @Override
    public Integer call() {
        if (at != null && at < 0) {
            throw new UserError(ExitCode.BAD_INPUT, "--at must be a position (0 or more), was " + at);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (WskEmulator kernel = Machine.open(parent.global)) {
            ReadModelView view = kernel.readModels();
            if (at != null) {
                if (at > view.position()) {
                    throw new UserError(ExitCode.BAD_INPUT,
                            "position " + at + " is beyond the last recorded position " + view.position());
                }
                view = kernel.timeline().at(at);
            }
            if (json) {
                view.ownership().forEach(row -> out.println(Json.line(json(row))));
            } else {
                Table table = new Table("SOCKET", "RUN", "PROTOCOL", "ADDRESS", "OPTION", "PROCESS", "BOUND AT");
                // a dual-stack binding holds [::]:P and 0.0.0.0:P (SPEC.md 6a.1)
                view.ownership().forEach(r -> table.row(r.label(), r.run(), r.protocol(),
                        r.address() + (r.dualStack() ? " (dual-stack)" : ""),
                        r.option().name(), r.process(), r.boundAt()));
                if (table.isEmpty()) {
                    out.println("no live bindings" + (at != null ? " just after position " + at : "")
                            + " (store " + Machine.describe(parent.global) + ")");
                } else {
                    table.print(out);
                }
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    static com.fasterxml.jackson.databind.node.ObjectNode json(OwnershipRow row) {
        com.fasterxml.jackson.databind.node.ObjectNode node = Json.object().put("socket", row.label()).put("run", row.run())
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
