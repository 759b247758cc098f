package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.bench.SessionGenerator;

/**
 * {@code report --html} streams run by run (issue #22): a child JVM with a heap of {@value #HEAP}
 * writes the page of a store of {@value #CALLS} calls in one run (the bench's generated session),
 * which the report built whole in memory could not (OutOfMemoryError in that heap). The page is whole:
 * it ends as the template does and has a row for every bind decision.
 */
@EnabledOnOs(OS.LINUX)
class ReportStreamsIT {

    static final String HEAP = "-Xmx256m";
    static final int CALLS = 100_000;

    @TempDir
    Path temp;

    @Test
    void theReportOfAHundredThousandCallsIsWrittenInASmallHeap() throws Exception {
        Path session = temp.resolve("large.wsk.jsonl");
        SessionGenerator.write(20_261_208L, CALLS, session);
        String store = temp.resolve("store").toString();
        Cli.ok("--store", store, "run", session.toString(), "--batch", "1024");
        long decisions = Cli.ok("--store", store, "audit", "--json").outLines().size();

        Path page = temp.resolve("report.html");
        Path err = temp.resolve("report.err");
        Process report = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "-Daxoniq.update-checker.disabled=true", Wskemu.class.getName(),
                "--store", store, "report", "--html", "-o", page.toString()))
                .redirectErrorStream(true).redirectOutput(err.toFile()).start();
        assertTrue(report.waitFor(1_200, TimeUnit.SECONDS), "the report did not end");
        assertEquals(0, report.exitValue(), () -> "output: " + read(err));

        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html.stripTrailing().endsWith("</html>"), "the page is cut short");
        long rows = html.lines().filter(l -> l.startsWith("<tr id=\"p-") || l.startsWith("<tr class=\"st-")).count();
        assertEquals(decisions, rows, "a row for every bind decision");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
