package org.wskemu.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.TreeSet;
import org.wskemu.persistence.EventChain;
import org.wskemu.engine.verify.VerifyReport;
import org.wskemu.persistence.StoreLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wskemu verify}: re-decides every recorded bind from the log; exit 1 on any mismatch. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Re-decide every recorded bind from the state just before it and check the read models against the log and every event's digest; "
                + "name the store and the counts checked; report any mismatch (exit 1).")
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        VerifyReport report;
        EventChain.Report chain;
        try (Machine.Opened opened = Machine.openExistingWithStorage(parent.global, spec)) {
            chain = opened.storage().checkChain(new TreeSet<>());
            report = opened.kernel().verify();
        }
        chain.firstBreak().ifPresent(b -> Human.line(out, "DIGEST " + b));
        report.mismatches().forEach(m -> Human.line(out, "MISMATCH " + m));
        report.readModelDifferences().forEach(d -> Human.line(out, "READ MODELS " + d));
        Human.line(out, "verified %d bind decisions in %d events of store %s: %s%s", report.decisions(), report.events(),
                storeName(),
                report.mismatches().isEmpty() ? "every decision re-derives" : report.mismatches().size() + " mismatches",
                report.readModelDifferences().isEmpty() ? ""
                        : "; the read models differ from the log ('wskemu rebuild' derives them again)");
        Human.line(out, "checked %d event digests: %s; head digest %s", chain.digested(),
                chain.ok() ? "the chain holds" : "the chain is broken (the store's bytes changed)", chain.head());
        out.flush();
        return report.ok() && chain.ok() ? ExitCode.OK : ExitCode.DIVERGED;
    }

    /** The store as an absolute path (or {@code mem}): verify says which store it vouches for. */
    private String storeName() {
        try {
            return StoreLocation.parse(parent.global.store).toString();
        } catch (IllegalArgumentException e) {
            return parent.global.store; // already refused at open
        }
    }
}
