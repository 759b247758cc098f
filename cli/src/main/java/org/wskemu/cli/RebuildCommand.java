package org.wskemu.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.Optional;
import java.util.TreeSet;
import org.wskemu.persistence.LogLoss;
import org.wskemu.persistence.EventChain;
import org.wskemu.persistence.StoreFailure;
import org.wskemu.engine.readmodel.ReadModelView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(names = "--accept-loss", description = "Rebuild even when events were removed from the end of the log "
            + "(verify names it as LOSS): the read models then forget what the lost events did, and with it the evidence.")
    boolean acceptLoss;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Machine.Opened opened = Machine.openExistingWithStorage(parent.global, spec)) {
            // folding a log whose bytes changed would make read models from what nobody recorded
            EventChain.Report chain = opened.storage().checkChain(new TreeSet<>());
            if (!chain.ok()) {
                throw new UserError(ExitCode.STORE, StoreFailure.damagedText(Machine.describe(parent.global),
                        chain.firstBreak().orElseThrow() + "; nothing was rebuilt"));
            }
            Optional<String> loss = LogLoss.find(opened.storage().store());
            if (loss.isPresent() && !acceptLoss) {
                throw new UserError(ExitCode.STORE, StoreFailure.damagedText(Machine.describe(parent.global),
                        loss.get() + "; nothing was rebuilt ('wskemu rebuild --accept-loss' rebuilds all the same)"));
            }
            ReadModelView view = opened.kernel().rebuild();
            if (loss.isPresent()) {
                LogLoss.accept(opened.storage().store()); // accepted: the marks follow the shorter log
            }
            out.printf("rebuilt the read models up to position %d: %d sockets, %d live bindings, %d decisions, "
                            + "%d warnings%n", view.position(), view.socketCount(), view.ownershipCount(),
                    view.decisionCount(), view.warningCount());
        }
        out.flush();
        return ExitCode.OK;
    }
}
