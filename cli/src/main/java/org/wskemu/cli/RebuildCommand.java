package org.wskemu.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.ReadModelView;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wskemu rebuild}: forgets the read models and folds the whole event log again. */
@Command(name = "rebuild", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Rebuild the read models (ownership, decisions, warnings) from the event store.")
final class RebuildCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (WskEmulator kernel = Machine.openExisting(parent.global, spec)) {
            ReadModelView view = kernel.rebuild();
            out.printf("rebuilt the read models up to position %d: %d sockets, %d live bindings, %d decisions, "
                            + "%d warnings%n", view.position(), view.sockets().size(), view.ownership().size(),
                    view.decisions().size(), view.warnings().size());
        }
        out.flush();
        return ExitCode.OK;
    }
}
