package org.wskemu.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.Callable;
import java.util.Optional;
import java.util.TreeSet;
import org.wskemu.api.text.SafeText;
import org.wskemu.persistence.LogLoss;
import org.wskemu.persistence.EventChain;
import org.wskemu.engine.verify.VerifyReport;
import org.wskemu.engine.verify.Verifier;
import org.wskemu.persistence.StoreLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(names = "--head", paramLabel = "DIGEST", description = "A published head digest (64 hex digits, as "
            + "'history --runs' shows at a run's end) to find in the log: it vouches for every event up to the position "
            + "where it is the head; not found, verify exits 1. May be given more than once.")
    List<String> heads = new ArrayList<>();

    @Option(names = "--head-from", paramLabel = "FILE", description = "A file of published head digests: the last "
            + "64-hex-digit word of each line that has one (a saved 'history --runs' table or CSV, or one digest a line).")
    Path headsFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        VerifyReport report;
        EventChain.Report chain;
        Optional<String> loss;
        Set<String> published = publishedHeads();
        try (Machine.Query query = Machine.query(parent.global, spec)) {
            loss = LogLoss.find(query.storage().store());
            chain = EventChain.check(query.storage().store(), new TreeSet<>(), published);
            // one consistent state on a shared store: the log read whole (not only below the horizon, which a
            // transaction still open elsewhere holds back) and the read models of the same moment
            report = query.storage().inOneSnapshot(() -> Verifier.verify(query.log(), query.readModels()));
        }
        loss.ifPresent(l -> Human.line(out, "LOSS " + l));
        chain.firstBreak().ifPresent(b -> Human.line(out, "DIGEST " + b));
        report.mismatches().forEach(m -> Human.line(out, "MISMATCH " + m));
        report.readModelDifferences().forEach(d -> Human.line(out, "READ MODELS " + d));
        Human.line(out, "verified %d bind decisions in %d events of store %s: %s%s", report.decisions(), report.events(),
                storeName(),
                report.mismatches().isEmpty() ? "every decision re-derives" : report.mismatches().size() + " mismatches",
                report.readModelDifferences().isEmpty() ? ""
                        : loss.isPresent() ? "; the read models differ from the log, which lost events (restore it; do not rebuild)"
                        : "; the read models differ from the log ('wskemu rebuild' derives them again)");
        Human.line(out, "checked %d event digests: %s; head digest %s", chain.digested(),
                chain.ok() ? "the chain holds" : "the chain is broken (the store's bytes changed)", chain.head());
        boolean headsHold = true;
        for (String head : published) {
            Long at = chain.headsFound().get(head);
            if (at != null) {
                Human.line(out, "HEAD %s is the log's head at position %d: every event up to it is as published", head, at);
            } else {
                headsHold = false;
                Human.line(out, "HEAD %s is not the head at any position of this log: an event at or before the position "
                        + "it was published at was changed, removed or added", head);
            }
        }
        out.flush();
        return report.ok() && chain.ok() && loss.isEmpty() && headsHold ? ExitCode.OK : ExitCode.DIVERGED;
    }

    private static final Pattern DIGEST = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern DIGEST_WORD = Pattern.compile("(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])");

    /** The heads to find, lower-case, in the order given; bad input is a usage error naming it. */
    private Set<String> publishedHeads() {
        Set<String> all = new LinkedHashSet<>();
        for (String head : heads) {
            if (!DIGEST.matcher(head).matches()) {
                throw new UserError(ExitCode.BAD_INPUT, "--head: '" + SafeText.escape(head) + "' is not a head digest (64 hex digits)");
            }
            all.add(head.toLowerCase(Locale.ROOT));
        }
        if (headsFile != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(headsFile);
            } catch (IOException | UncheckedIOException e) {
                throw new UserError(ExitCode.BAD_INPUT, "--head-from: " + SafeText.escape(headsFile.toString()) + " cannot be read: "
                        + SafeText.escape(String.valueOf(e.getMessage())));
            }
            int before = all.size();
            for (String line : lines) {
                Matcher word = DIGEST_WORD.matcher(line);
                String last = null;
                while (word.find()) {
                    last = word.group(); // in a 'history --runs' line the file's SHA-256 comes first, the head last
                }
                if (last != null) {
                    all.add(last.toLowerCase(Locale.ROOT));
                }
            }
            if (all.size() == before) {
                throw new UserError(ExitCode.BAD_INPUT, "--head-from: " + SafeText.escape(headsFile.toString())
                        + " holds no head digest (a word of 64 hex digits)");
            }
        }
        return all;
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
