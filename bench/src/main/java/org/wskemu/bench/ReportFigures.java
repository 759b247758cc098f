package org.wskemu.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.wskemu.engine.SessionRunner;

/**
 * The HTML report's figures (issue #26): a store of many runs of the generated session (100 runs of
 * 390 calls, about 10,000 bind decisions; {@code --quick}: 5 of 120), its page written by the command
 * line's report ({@link ReportProbe}), the page's size, and its load in headless Chromium: the wall
 * time of {@code chromium --headless --dump-dom} on the page, against the same on a blank page (the
 * browser's own start), median of the rounds, interleaved. Without a Chromium the load is left out
 * and a note says so.
 */
final class ReportFigures {

    static final int RUNS = 100;
    static final int CALLS_PER_RUN = 390;
    static final int QUICK_RUNS = 5;
    static final int QUICK_CALLS_PER_RUN = 120;
    /** Issue #26: the page of a 100-run, 10,000-decision store under 5 MB, loaded in under 2 s. */
    static final double PAGE_TARGET_BYTES = 5_000_000;
    static final double LOAD_TARGET_MS = 2_000;

    private ReportFigures() {
    }

    static void measure(BenchOptions options, ReportProbe probe, Scratch scratch, BenchReport report,
                        java.util.function.Consumer<String> progress) throws IOException, InterruptedException {
        int runs = options.quick() ? QUICK_RUNS : RUNS;
        int size = options.quick() ? QUICK_CALLS_PER_RUN : CALLS_PER_RUN;
        progress.accept("report store: " + runs + " runs of " + size + " calls (memory)");
        BenchStore store = BenchStore.fresh(null, true, "report", options.profile());
        Path page = scratch.root().resolve("report.html");
        long decisions;
        long writeNanos;
        try {
            for (int run = 1; run <= runs; run++) {
                store.kernel().sessions().run(SessionRunner.Run.of("report-run-" + run + ".wsk.jsonl",
                        SessionGenerator.generate(options.seed() + run - 1, size, "r" + run + "s")));
            }
            decisions = store.kernel().readModels().decisionCount();
            long start = System.nanoTime();
            probe.write(store.kernel(), page);
            writeNanos = System.nanoTime() - start;
        } finally {
            store.discard();
        }
        long bytes = Files.size(page);
        report.put("report", "runs", runs).put("report", "calls", (long) runs * size).put("report", "decisions", decisions)
                .put("report", "pageBytes", bytes)
                .put("report", "writeMillis", BenchReport.round(writeNanos / 1e6, 1));
        Optional<Path> chromium = chromium();
        if (chromium.isEmpty()) {
            report.note("report load: no Chromium found (/usr/bin/chromium, chromium on PATH, or $CHROMIUM); not measured");
            return;
        }
        Path blank = scratch.root().resolve("blank.html");
        Files.writeString(blank, "<!DOCTYPE html><title>blank</title>", StandardCharsets.UTF_8);
        int rounds = options.rounds();
        double[] load = new double[rounds];
        double[] empty = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            progress.accept("report load in headless Chromium, round " + (round + 1) + "/" + rounds);
            empty[round] = dumpMillis(chromium.get(), blank, scratch.root());
            load[round] = dumpMillis(chromium.get(), page, scratch.root());
        }
        double loadMs = Stats.median(load);
        double blankMs = Stats.median(empty);
        report.put("report", "loadMillis", BenchReport.round(loadMs, 1))
                .put("report", "blankLoadMillis", BenchReport.round(blankMs, 1))
                // a page as small as --quick's can load faster than the blank one on a noisy machine: 0 then
                .put("report", "loadBeyondBlankMillis", BenchReport.round(Math.max(0, loadMs - blankMs), 1));

    }

    /** The wall time of Chromium loading {@code page} and printing its DOM, in milliseconds. */
    private static double dumpMillis(Path chromium, Path page, Path scratch) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-");
        File sink = scratch.resolve("dom.txt").toFile();
        ProcessBuilder builder = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-background-networking", "--disable-gpu", "--user-data-dir=" + profile, "--dump-dom",
                page.toUri().toString()))
                .redirectOutput(sink).redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("Chromium did not load " + page + " in 5 minutes");
        }
        double millis = (System.nanoTime() - start) / 1e6;
        if (process.exitValue() != 0) {
            throw new IOException("Chromium exited with " + process.exitValue() + " loading " + page);
        }
        return millis;
    }

    /** Chromium: $CHROMIUM, else /usr/bin/chromium, else chromium or chromium-browser on PATH. */
    static Optional<Path> chromium() {
        String given = System.getenv("CHROMIUM");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            return Optional.of(Path.of("/usr/bin/chromium"));
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name));
                }
            }
        }
        return Optional.empty();
    }
}
