package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.persistence.PostgresCluster;

/**
 * The PostgreSQL server crashes and restarts while a {@code wskemu run} writes: the run stops with
 * one line naming the store (never its password) and exit 3, and every call it reported before is
 * in the store, which verifies.
 */
@Tag("postgres")
@Tag("kill")
@ExtendWith(PostgresCluster.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PostgresServerRestartTest {

    static final int CALLS = 6_000;
    static final int BATCH = 20;
    static final int BEFORE_CRASH = 300;
    private static final Pattern CALL_LINE = Pattern.compile("\\s*(\\d+)  (\\w+)\\s+(\\S+)\\s+(STATUS_\\w+) \\(0x[0-9A-F]{8}\\)\\s+@(\\d+).*");

    @TempDir
    Path temp;

    @Test
    void aServerCrashMidRunIsExit3AndLosesNothingReported() throws Exception {
        Path session = LongSession.write(temp.resolve("long.wsk.jsonl"), CALLS, 20_261_130L);
        String url = PostgresCluster.freshDatabase();
        String store = PostgresCluster.withCredentials(url);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                Wskemu.class.getName(), "--store", store, "run", session.toString(), "--batch", Integer.toString(BATCH))
                .redirectError(temp.resolve("child.err").toFile())
                .start();
        List<Long> reported = new ArrayList<>();
        boolean crashed = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher call = CALL_LINE.matcher(line);
                if (call.matches()) {
                    reported.add(Long.parseLong(call.group(5)));
                }
                if (!crashed && reported.size() >= BEFORE_CRASH) {
                    PostgresCluster.crashAndRestart();
                    crashed = true;
                }
            }
        } finally {
            assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the run did not end");
            child.destroyForcibly();
        }
        assertTrue(crashed, "the run ended before the server crashed: " + reported.size() + " calls reported");
        List<String> err = Files.readAllLines(temp.resolve("child.err"), StandardCharsets.UTF_8);
        assertEquals(3, child.exitValue(), err::toString);
        assertEquals(1, err.size(), err::toString);
        assertTrue(err.get(0).startsWith("wskemu: store " + url + " "), err::toString);
        assertFalse(err.get(0).contains(PostgresCluster.PASSWORD));
        assertTrue(reported.size() < CALLS, "the run was cut short");

        Cli.Result verify = Cli.run("--store", store, "verify");
        assertEquals(0, verify.exit(), verify::toString);
        Set<Long> recorded = new HashSet<>();
        for (JsonNode event : Cli.ok("--store", store, "history", "--json").json()) {
            recorded.add(event.get("position").asLong());
        }
        List<Long> lost = reported.stream().filter(p -> !recorded.contains(p)).toList();
        assertEquals(List.of(), lost, "calls reported committed and then lost");
        JsonNode run = Cli.ok("--store", store, "history", "--runs", "--json").single();
        assertTrue(run.get("calls").asLong() >= reported.size(), run::toString);
        assertEquals(0, run.get("calls").asLong() % BATCH, () -> "whole batches only: " + run);
    }
}
