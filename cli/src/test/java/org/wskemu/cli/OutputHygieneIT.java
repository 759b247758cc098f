package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A normal run prints wskemu's own lines and nothing else: no SLF4J, Axon or Flyway noise on stdout
 * or stderr, and stderr stays empty on success.
 */
class OutputHygieneIT {

    /** A line of {@code run}'s human output, or its summary line. */
    private static final String RUN_LINE = " *\\d+  \\w+ +\\S+ +STATUS_\\w+ \\(0x[0-9A-F]{8}\\) *@\\d+.*|run \\d+: .*";

    @TempDir
    Path temp;

    @Test
    void commandsInThisJvmWriteNothingToTheProcessStreams() {
        String store = temp.resolve("store").toString();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(stray, true, StandardCharsets.UTF_8);
        Cli.Result run;
        Cli.Result state;
        Cli.Result verify;
        Cli.Result memory;
        System.setOut(capture);
        System.setErr(capture);
        try {
            run = Cli.run("--store", store, "run", Cli.QUICKSTART.toString());
            state = Cli.run("--store", store, "state");
            verify = Cli.run("--store", store, "verify");
            memory = Cli.run("--store", "mem", "run", "--json", Cli.TOUR.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", stray.toString(StandardCharsets.UTF_8));
        for (Cli.Result result : List.of(run, state, verify, memory)) {
            assertEquals(0, result.exit(), result::toString);
            assertEquals("", result.err(), result::toString);
        }
        run.outLines().forEach(line -> assertTrue(line.matches(RUN_LINE), line));
        memory.outLines().forEach(line -> assertTrue(line.startsWith("{\"line\":") || line.startsWith("{\"summary\":"), line));
    }

    @Test
    void theMainOfAFreshJvmPrintsOnlyItsLines() throws IOException, InterruptedException {
        Path stdout = temp.resolve("stdout");
        Path stderr = temp.resolve("stderr");
        Process wskemu = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Wskemu.class.getName(),
                "--store", temp.resolve("store").toString(), "run", Cli.QUICKSTART.toAbsolutePath().toString())
                .directory(temp.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!wskemu.waitFor(120, TimeUnit.SECONDS)) {
            wskemu.destroyForcibly();
        }

        assertEquals(0, wskemu.exitValue(), () -> read(stdout) + read(stderr));
        assertEquals("", read(stderr));
        List<String> lines = read(stdout).lines().toList();
        assertEquals(21, lines.size(), () -> read(stdout));
        lines.forEach(line -> assertTrue(line.matches(RUN_LINE), line));
        assertEquals("run 1: 20 calls, 11 expectations, 0 divergences", lines.get(20));
        try (var files = Files.list(temp)) {
            assertEquals(List.of("store"), files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("std")).toList(),
                    "no default .wskemu store in the working directory");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
