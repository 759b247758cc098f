package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} does not hold the session (issue #15): a child JVM with a heap of {@value #HEAP} runs a
 * valid session file of about 60 MB (calls between long comment lines, under the 64 MiB that
 * {@link org.wskemu.engine.session.SessionFile#read} accepts), which the path taken before, reading the
 * whole file into memory, cannot even hold in that heap. The run prints every call and its summary, and
 * the store records every call with its line.
 */
@EnabledOnOs(OS.LINUX)
class RunStreamsIT {

    static final String HEAP = "-Xmx48m";
    static final int CALLS = 3_000;
    /** A comment line of about 64,000 characters after every third call: about 60 MB in all. */
    static final int COMMENT = 64_000;

    @TempDir
    Path temp;

    private Path session() throws IOException {
        List<String> lines = LongSession.lines(CALLS, 20_261_215L);
        Path file = temp.resolve("large.wsk.jsonl");
        String comment = "# " + "c".repeat(COMMENT - 2);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            int calls = 0;
            for (String line : lines) {
                out.write(line);
                out.write('\n');
                if (!line.startsWith("#") && ++calls % 3 == 0) {
                    out.write(comment);
                    out.write('\n');
                }
            }
        }
        return file;
    }

    private static ProcessBuilder child(String main, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "-Daxoniq.update-checker.disabled=true", "-XX:TieredStopAtLevel=1", main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    @Test
    void aSessionLargerThanTheHeapRunsInIt() throws Exception {
        Path file = session();
        long size = Files.size(file);
        assertTrue(size > 55_000_000L && size < 64L * 1024 * 1024, "size " + size);

        // the path before: the file read whole into a list of calls does not fit in the heap
        Process old = child(OldSessionPath.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String oldOutput = new String(old.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(old.waitFor(300, TimeUnit.SECONDS));
        assertNotEquals(0, old.exitValue(), "the old path held the file: " + oldOutput);
        assertTrue(oldOutput.contains("OutOfMemoryError"), oldOutput);

        Path store = temp.resolve("store");
        Path err = temp.resolve("run.err");
        Process run = child(Wskemu.class.getName(), "--store", store.toString(), "run", file.toString(), "--json")
                .redirectError(err.toFile()).start();
        long calls = 0;
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("{\"line\":")) {
                    calls++;
                }
                last = line;
            }
        }
        assertTrue(run.waitFor(1_200, TimeUnit.SECONDS), "the run did not end");
        assertEquals(0, run.exitValue(), () -> "stderr: " + read(err));
        assertEquals(CALLS, calls, "one line per call");
        assertEquals("{\"summary\":{\"calls\":" + CALLS + ",\"expectations\":0,\"divergences\":0}}", last);

        List<JsonNode> runs = Cli.ok("--store", store.toString(), "history", "--runs", "--json").json();
        assertEquals(1, runs.size());
        assertEquals(CALLS, runs.get(0).get("calls").asLong(), "the store holds every call of the run");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
