package org.wskemu.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.wskemu.bench.Bench;
import org.wskemu.bench.BenchOptions;
import org.wskemu.bench.BenchReport;
import org.wskemu.persistence.StoreException;
import org.wskemu.persistence.StoreLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu bench}: measures the engine side by side with the machine's own limits (BENCHMARKS.md).
 * It never touches the store {@code --store} names: with a directory it works in a fresh subdirectory
 * of it (deleted at the end); without one, in the system's temporary directory; {@code --store mem}
 * keeps every store of the bench in memory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure replay, rebuild, seek, crowded-port decisions and start-up against the "
                + "machine's own limits (plain JDBC inserts and reads, a bare process start), and print the ratios.",
                "--store DIR puts the bench's own fresh stores in a new subdirectory of DIR (deleted at the end; "
                        + "default: the temporary directory); --store mem keeps them in memory.",
                "--store postgresql://HOST[:PORT]/DB adds replay on PostgreSQL against the same server's plain "
                        + "inserts, and 1, 2 and 4 'wskemu run' writer processes at once, each in fresh databases the "
                        + "bench creates (the user needs CREATEDB) and drops at the end; the H2 figures use the "
                        + "temporary directory."})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--calls", paramLabel = "N",
            description = "Calls of the synthetic session (default " + BenchOptions.DEFAULT_CALLS + "; --quick: "
                    + BenchOptions.QUICK_CALLS + ").")
    Integer calls;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the synthetic session (default 1).")
    Long seed;

    @Option(names = "--rounds", paramLabel = "N",
            description = "Rounds of each throughput figure; the median is reported (default "
                    + BenchOptions.DEFAULT_ROUNDS + ").")
    Integer rounds;

    @Option(names = "--seek-events", paramLabel = "N",
            description = "Events of the store the seek is measured on (default " + BenchOptions.DEFAULT_SEEK_EVENTS
                    + "; --quick: " + BenchOptions.QUICK_SEEK_EVENTS + ").")
    Integer seekEvents;

    @Option(names = "--seek-samples", paramLabel = "N",
            description = "Random positions sought (default " + BenchOptions.DEFAULT_SEEK_SAMPLES + "; fewer, but at "
                    + "least 20, when the seeks take more than 90 s in all).")
    Integer seekSamples;

    @Option(names = "--seek-batch", paramLabel = "N",
            description = "Calls per transaction while building the seek store (default "
                    + BenchOptions.DEFAULT_SEEK_BATCH + ").")
    Integer seekBatch;

    @Option(names = "--startup-runs", paramLabel = "N",
            description = "Processes spawned for each start-up figure (default " + BenchOptions.DEFAULT_STARTUP_RUNS + ").")
    Integer startupRuns;

    @Option(names = "--memory-calls", paramLabel = "N",
            description = "Calls of the session a child process runs from a file in -Xmx256m (default: --calls).")
    Integer memoryCalls;

    @Option(names = "--quick", description = "Tiny sizes, seconds in all (for tests; the figures mean little).")
    boolean quick;

    @Option(names = "--json", description = "One JSON object with every figure and ratio.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        BenchOptions base = quick ? BenchOptions.quickDefaults() : BenchOptions.defaults();
        StoreLocation location;
        try {
            location = storeGiven() ? StoreLocation.parse(parent.global.store) : null;
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, "--store: " + e.getMessage());
        }
        BenchOptions options;
        try {
            options = new BenchOptions(
                    calls != null ? calls : base.calls(),
                    seed != null ? seed : base.seed(),
                    rounds != null ? rounds : base.rounds(),
                    seekEvents != null ? seekEvents : base.seekEvents(),
                    seekSamples != null ? seekSamples : base.seekSamples(),
                    seekBatch != null ? seekBatch : base.seekBatch(),
                    base.portRepeats(),
                    startupRuns != null ? startupRuns : base.startupRuns(),
                    location instanceof StoreLocation.Memory,
                    location instanceof StoreLocation.Directory directory ? directory.path() : null,
                    parent.global.profile,
                    quick);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchReport report;
        try {
            Bench bench = new Bench(options, err, Wskemu.class);
            bench.steps(new DebugBench());
            // the report's page, written as report --html writes it, on a store of 100 runs (issue #26)
            bench.report((kernel, file) -> {
                try (java.io.Writer page = java.nio.file.Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
                    ReportReader.write(kernel.readModels(), kernel.log(), "mem", null, page);
                }
            });
            if (memoryCalls != null) {
                bench.memoryCalls(memoryCalls);
            }
            if (location instanceof StoreLocation.Postgres server) {
                bench.postgres(server);
            }
            report = bench.run();
        } catch (StoreException e) {
            throw new UserError(ExitCode.STORE, e.getMessage(), e);
        }
        if (json) {
            out.println(report.json());
        } else {
            report.printHuman(out);
        }
        out.flush();
        return ExitCode.OK;
    }

    /** Whether the user named a store (the default .wskemu is never the bench's to write in). */
    private boolean storeGiven() {
        for (picocli.CommandLine line = spec.commandLine(); line != null; line = line.getParent()) {
            if (line.getParseResult() != null && line.getParseResult().hasMatchedOption("--store")) {
                return true;
            }
        }
        return false;
    }
}
