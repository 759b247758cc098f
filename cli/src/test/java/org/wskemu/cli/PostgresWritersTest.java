package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.persistence.PostgresCluster;

/**
 * Many writers at the command line: four {@code wskemu run} processes (separate JVMs) run sessions
 * into one new PostgreSQL database at once (racing to create the store, then exclusive binds on
 * three ports). Every run finishes, the
 * store verifies, every call of every file is recorded under its own run ({@code history --runs}
 * counts each run's calls exactly, however the runs interleave), and at every sampled decision no
 * port has two holders ({@code state --at}).
 */
@Tag("postgres")
@ExtendWith(PostgresCluster.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PostgresWritersTest {

    static final int WRITERS = 4;
    static final int BINDS = 40;
    static final int[] PORTS = {7001, 7002, 7003};

    @TempDir
    Path temp;

    @Test
    void fourProcessesRaceOnFewPortsAndTheStoreVerifies() throws Exception {
        String url = PostgresCluster.freshDatabase();
        String store = PostgresCluster.withCredentials(url);
        List<Path> sessions = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            List<String> session = session(writer);
            sessions.add(Cli.session(temp.resolve("writer-" + writer + ".wsk.jsonl"), session));
            lines.add(session.size());
        }
        List<Process> children = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                    Wskemu.class.getName(), "--store", store, "run", sessions.get(writer).toString(), "--batch", "3")
                    .redirectOutput(temp.resolve("writer-" + writer + ".out").toFile())
                    .redirectError(temp.resolve("writer-" + writer + ".err").toFile())
                    .start());
        }
        for (int writer = 0; writer < WRITERS; writer++) {
            Process child = children.get(writer);
            assertTrue(child.waitFor(8, TimeUnit.MINUTES), "writer " + writer + " did not finish");
            String err = Files.readString(temp.resolve("writer-" + writer + ".err"));
            assertEquals(0, child.exitValue(), "writer " + writer + ": " + err);
            assertEquals("", err, "writer " + writer);
        }

        Cli.Result verify = Cli.run("--store", store, "verify");
        assertEquals(0, verify.exit(), verify::toString);
        List<JsonNode> runs = Cli.ok("--store", store, "history", "--runs", "--json").json();
        assertEquals(WRITERS, runs.size(), runs::toString);
        // every run's batches mark their events with the run, so each run's count is exact however the
        // writers interleaved: every call line of each file, under that file's run
        assertEquals(sessions.stream().map(Path::toString).sorted().toList(),
                runs.stream().map(r -> r.get("source").asText()).sorted().toList());
        for (JsonNode run : runs) {
            int writer = sessions.indexOf(Path.of(run.get("source").asText()));
            assertEquals(lines.get(writer).intValue(), run.get("calls").asInt(), "run of writer " + writer + ": " + runs);
            assertTrue(run.get("last").asLong() > run.get("first").asLong(), run::toString);
        }
        assertTrue(interleaved(runs), "the writers' runs overlap in the log (else this test proves nothing): " + runs);

        List<JsonNode> decisions = Cli.ok("--store", store, "audit", "--json").json();
        long won = decisions.stream().filter(d -> d.get("status").asText().equals("STATUS_SUCCESS")).count();
        assertTrue(won > 0 && won < decisions.size(), "the writers both won and lost binds: " + won + " of " + decisions.size());
        for (int i = 0; i < decisions.size(); i += Math.max(1, decisions.size() / 25)) {
            long position = decisions.get(i).get("position").asLong();
            Map<Integer, Integer> holders = new HashMap<>();
            for (JsonNode binding : Cli.ok("--store", store, "state", "--at", Long.toString(position), "--json").json()) {
                String address = binding.get("address").asText();
                holders.merge(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)), 1, Integer::sum);
            }
            holders.forEach((port, n) -> assertEquals(1, n, "port " + port + " just after position " + position));
        }
    }

    @Test
    void oneWriterKilledMidBatchWhileTheOthersGoOnLeavesWholeBatches() throws Exception {
        String store = PostgresCluster.freshDatabaseWithCredentials();
        int batch = 20;
        Path longSession = LongSession.write(temp.resolve("long.wsk.jsonl"), 6_000, 20_261_201L);
        // the store exists before the writers start, so the killed one dies in a batch, not in a migration
        Cli.ok("--store", store, "run", Cli.session(temp.resolve("first.wsk.jsonl"), session(9)).toString());
        int before = Cli.ok("--store", store, "history", "--runs", "--json").json().get(0).get("calls").asInt();
        Process victim = child(store, longSession, batch, "victim");
        List<Process> others = new ArrayList<>();
        List<Integer> otherLines = new ArrayList<>();
        for (int writer = 0; writer < WRITERS - 1; writer++) {
            List<String> session = session(writer);
            otherLines.add(session.size());
            others.add(child(store, Cli.session(temp.resolve("writer-" + writer + ".wsk.jsonl"), session), 3, "writer-" + writer));
        }
        List<Long> printed = new ArrayList<>();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(victim.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            while (printed.size() < 500) {
                String line = out.readLine();
                assertTrue(line != null, "the victim ended before it could be killed");
                java.util.regex.Matcher call = CALL_LINE.matcher(line);
                if (call.matches()) {
                    printed.add(Long.parseLong(call.group(1)));
                }
            }
            victim.destroyForcibly(); // SIGKILL, mid-batch while the others write
        }
        assertTrue(victim.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, victim.exitValue(), "killed by SIGKILL");
        for (int writer = 0; writer < others.size(); writer++) {
            Process child = others.get(writer);
            assertTrue(child.waitFor(8, TimeUnit.MINUTES), "writer " + writer + " did not finish");
            assertEquals(0, child.exitValue(), "writer " + writer + ": " + Files.readString(temp.resolve("writer-" + writer + ".err")));
        }

        Cli.Result verify = Cli.run("--store", store, "verify");
        assertEquals(0, verify.exit(), verify::toString);
        List<JsonNode> runs = Cli.ok("--store", store, "history", "--runs", "--json").json();
        assertEquals(WRITERS + 1, runs.size(), runs::toString);
        // each run's count is its own (its batches mark their events): the first run and the others
        // recorded every line; the killed run whole batches of its first lines, at least those it printed
        assertEquals(before, runs.get(0).get("calls").asInt(), runs::toString);
        long killed = -1;
        for (JsonNode run : runs.subList(1, runs.size())) {
            String source = run.get("source").asText();
            if (source.endsWith("long.wsk.jsonl")) {
                killed = run.get("calls").asLong();
            } else {
                int writer = Integer.parseInt(source.replaceAll(".*writer-(\\d+)\\.wsk\\.jsonl$", "$1"));
                assertEquals(otherLines.get(writer).longValue(), run.get("calls").asLong(), "writer " + writer + ": " + runs);
            }
        }
        assertTrue(killed >= printed.size() && killed < 6_000, "the killed run recorded " + killed + ", printed " + printed.size());
        assertEquals(0, killed % batch, "whole batches only: " + killed);
    }

    /** Whether some run's span of positions overlaps another's. */
    private static boolean interleaved(List<JsonNode> runs) {
        for (JsonNode a : runs) {
            for (JsonNode b : runs) {
                if (a != b && a.get("first").asLong() < b.get("first").asLong()
                        && b.get("first").asLong() < a.get("last").asLong()) {
                    return true;
                }
            }
        }
        return false;
    }

    private Process child(String store, Path session, int batch, String name) throws java.io.IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                Wskemu.class.getName(), "--store", store, "run", session.toString(), "--batch", Integer.toString(batch))
                .redirectError(temp.resolve(name + ".err").toFile());
        if (!name.equals("victim")) {
            builder.redirectOutput(temp.resolve(name + ".out").toFile());
        }
        return builder.start();
    }

    private static final java.util.regex.Pattern CALL_LINE = java.util.regex.Pattern.compile(
            "\\s*(\\d+)  (\\w+)\\s+(\\S+)\\s+(STATUS_\\w+) \\(0x[0-9A-F]{8}\\)\\s+@(\\d+).*");

    /** A process of its own binding new sockets to the few ports, closing some of them again. */
    static List<String> session(int writer) {
        Random random = new Random(0x5EED_0000L + writer);
        int pid = 2000 + writer;
        List<String> lines = new ArrayList<>();
        lines.add("{\"op\":\"process\",\"pid\":" + pid + ",\"user\":\"SY\"}");
        List<String> open = new ArrayList<>();
        for (int i = 0; i < BINDS; i++) {
            if (!open.isEmpty() && random.nextInt(3) == 0) {
                lines.add("{\"op\":\"close\",\"socket\":\"" + open.remove(random.nextInt(open.size())) + "\"}");
            }
            String socket = "w" + writer + "s" + i;
            lines.add("{\"op\":\"socket\",\"socket\":\"" + socket + "\",\"category\":\"listen\",\"family\":\"inet\",\"process\":" + pid + "}");
            lines.add("{\"op\":\"bind\",\"socket\":\"" + socket + "\",\"address\":\"0.0.0.0:" + PORTS[random.nextInt(PORTS.length)] + "\"}");
            open.add(socket);
        }
        return lines;
    }

}
