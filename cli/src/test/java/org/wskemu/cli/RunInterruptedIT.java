package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and SIGINT during a long {@code run} (issue #17): the child JVM finishes the batch in flight,
 * prints its summary and one line on stderr saying how far it got and the file line to take it up
 * from, and ends with 128 + the signal (143, 130); the store verifies and holds exactly the calls the
 * run printed, whole batches.
 */
@Tag("kill")
@EnabledOnOs(OS.LINUX)
class RunInterruptedIT {

    static final int CALLS = 20_000;
    static final int BATCH = 50;
    private static final Pattern CALL_LINE = Pattern.compile("\\s*(\\d+)  .*@(\\d+).*");
    private static final Pattern STOPPED = Pattern.compile("wskemu: interrupted by (SIG\\w+): run (\\d+) recorded (\\d+) of "
            + CALLS + " calls, up to line (\\d+); the first call not run is at line (\\d+) of (.+)");

    @TempDir
    Path temp;

    @Test
    void sigtermThenSigintStopBetweenBatchesAndSayWhereToResume() throws Exception {
        Path session = LongSession.write(temp.resolve("long.wsk.jsonl"), CALLS, 20_261_201L);
        Path store = temp.resolve("store");

        int first = interrupt(store, session, 700, "TERM", 143, 1);
        int second = interrupt(store, session, 300, "INT", 130, 2);

        List<JsonNode> runs = Cli.ok("--store", store.toString(), "history", "--runs", "--json").json();
        assertEquals(List.of((long) first, (long) second), runs.stream().map(r -> r.get("calls").asLong()).toList(),
                "the store holds exactly the calls each run reported");
        Cli.Result verify = Cli.run("--store", store.toString(), "verify");
        assertEquals(0, verify.exit(), verify::toString);
    }

    /** @return how many calls the run said it recorded */
    private int interrupt(Path store, Path session, int after, String signal, int status, int run) throws Exception {
        Path err = temp.resolve("child-" + run + ".err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Daxoniq.update-checker.disabled=true",
                "-XX:TieredStopAtLevel=1", Wskemu.class.getName(), "--store", store.toString(), "run",
                session.toString(), "--batch", Integer.toString(BATCH))
                .redirectError(err.toFile()).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (out.size() < after && (line = reader.readLine()) != null) {
                out.add(line);
            }
            if (out.size() < after) {
                fail("the run ended before it could be interrupted: " + Files.readString(err));
            }
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            while ((line = reader.readLine()) != null) {
                out.add(line);
            }
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the run did not end after SIG" + signal);
        } finally {
            child.destroyForcibly();
        }
        String errors = Files.readString(err);
        assertEquals(status, child.exitValue(), () -> "128 + SIG" + signal + "; stderr: " + errors);
        List<String> errorLines = errors.lines().filter(l -> !l.isBlank() && !l.startsWith("\r")).toList();
        String last = errorLines.get(errorLines.size() - 1).replaceAll(".*\r", "");
        Matcher stopped = STOPPED.matcher(last);
        assertTrue(stopped.matches(), () -> "one line saying how far the run got: " + errors);
        assertEquals("SIG" + signal, stopped.group(1));
        assertEquals(run, Integer.parseInt(stopped.group(2)));
        int recorded = Integer.parseInt(stopped.group(3));
        List<String> calls = out.stream().filter(l -> CALL_LINE.matcher(l).matches()).toList();
        assertEquals(recorded, calls.size(), "every recorded call was printed, and only those");
        assertTrue(recorded >= after && recorded < CALLS, "stopped after the calls printed before the signal: " + recorded);
        assertEquals(0, recorded % BATCH, "whole batches");
        Matcher lastCall = CALL_LINE.matcher(calls.get(calls.size() - 1));
        assertTrue(lastCall.matches());
        assertEquals(lastCall.group(1), stopped.group(4), "up to the last line printed");
        // the session's first line is a comment: call i (from 0) is at file line i + 2
        assertEquals(recorded + 2, Integer.parseInt(stopped.group(5)), "the first call not run");
        assertTrue(out.get(out.size() - 1).startsWith("run " + run + ": " + recorded + " calls"), () -> String.join("\n", out));
        return recorded;
    }
}
