package org.wskemu.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.verify.VerifyReport;
import org.wskemu.persistence.EventChain;
import org.wskemu.persistence.JdbcStorage;
import org.wskemu.persistence.StoreCopy;
import org.wskemu.persistence.StoreException;
import org.wskemu.persistence.StoreImport;
import org.wskemu.persistence.StoreLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu copy --from STORE --to STORE}: moves a whole history between stores of either kind
 * (an H2 directory, a PostgreSQL database), positions and runs kept, then derives the target's read
 * models from the copied log and verifies it.
 */
@Command(name = "copy", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Copy a whole history to a new or empty store (H2 directory or postgresql://HOST[:PORT]/DB), "
                + "positions and runs kept; the copy is verified (exit 1 on a mismatch).")
final class CopyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "STORE|EXPORT",
            description = "The store to copy (it must exist), or a file written by 'wskemu export', every digest "
                    + "of which is checked before anything is written.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "STORE", description = "A new or empty store to copy into.")
    String to;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StoreLocation target = location("--to", to);
        Path export = exportFile(from);
        boolean fromExport = export != null;
        StoreLocation source = fromExport ? null : location("--from", from);
        if (source instanceof StoreLocation.Memory || target instanceof StoreLocation.Memory) {
            throw new UserError(ExitCode.BAD_INPUT, "copy: 'mem' keeps nothing to copy from or to");
        }
        StoreCopy.Copied copied;
        try {
            if (fromExport) {
                // issue #17: the whole file is checked (every digest, the chain, the head digest) before the
                // target is created; then loaded in one transaction, checked again as it is written
                StoreImport.Checked loaded = StoreImport.load(export, target);
                copied = new StoreCopy.Copied(loaded.events(), 0, loaded.firstPosition(), loaded.lastPosition());
            } else {
                copied = StoreCopy.copy(source, target);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, "copy: " + e.getMessage());
        } catch (StoreException e) {
            throw new UserError(ExitCode.STORE, e.getMessage(), e);
        }
        VerifyReport report;
        EventChain.Report chain;
        long rebuiltUpTo;
        java.util.List<org.wskemu.engine.log.RunSummary> unfinished;
        JdbcStorage storage;
        try {
            storage = JdbcStorage.openExisting(target);
        } catch (StoreException e) {
            throw new UserError(ExitCode.STORE, e.getMessage(), e);
        }
        try (WskEmulator kernel = WskEmulator.builder().storage(storage).build()) {
            // the digests travel with the events: a byte changed in the source is named here too
            chain = storage.checkChain(new TreeSet<>());
            // the copy marked the read models behind its log: building the engine folded the whole log once
            rebuiltUpTo = kernel.readModels().position(); // the view is live: read while the store is open
            report = kernel.verify();
            unfinished = Unfinished.of(kernel.log());
        }
        chain.firstBreak().ifPresent(b -> Human.line(out, "DIGEST " + b));
        report.mismatches().forEach(m -> out.println("MISMATCH " + m));
        out.printf("copied %d events (positions %d to %d) and %d snapshots from %s to %s; %d bind decisions verified: %s%n",
                copied.events(), copied.firstPosition(), copied.lastPosition(), copied.snapshots(), fromExport ? from : source, target,
                report.decisions(), report.ok() ? "every decision re-derives" : report.mismatches().size() + " mismatches");
        // a run cut short (or still running when the source was read) is copied as it was, and said so
        unfinished.forEach(run -> Human.line(out, "UNFINISHED " + Unfinished.line(run)));
        out.flush();
        return report.ok() && chain.ok() && rebuiltUpTo == copied.lastPosition() ? ExitCode.OK : ExitCode.DIVERGED;
    }

    /** The file {@code --from} names when it is an export (its first line says so), else null. */
    private static Path exportFile(String text) {
        try {
            Path path = Path.of(text);
            return StoreImport.isExport(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static StoreLocation location(String option, String text) {
        try {
            return StoreLocation.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, option + ": " + e.getMessage());
        }
    }
}
