package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.persistence.PostgresCluster;

/**
 * The team store under faults, Jepsen-style (issue #27): four {@code wskemu run} writers (the CLI's
 * main, each in its own JVM, each starting a new run when its last one ended) share one PostgreSQL
 * store while a loop, at random moments, kills a writer with SIGKILL or crashes the server
 * ({@code pg_ctl -m immediate}) and starts it again. Afterwards:
 * <ul>
 *   <li>{@code verify} is clean (decisions re-derive, the digest chain holds, no loss);</li>
 *   <li>every call a writer printed (printed after its batch committed) is in the store, in that
 *       writer's run: none lost;</li>
 *   <li>a writer that ended by itself recorded exactly the calls it printed; one cut short (killed, or
 *       stopped by the server's crash with its last commit's outcome unknown) recorded at most one batch
 *       beyond them: none doubled (a writer never tries a batch again once its commit failed, so a
 *       batch that landed unseen is there once, and the run ends there);</li>
 *   <li>every writer not killed ended with one clear line and a documented exit status: 0 and the
 *       run's summary on stdout, or 3 and one line on stderr naming the store (never its password).</li>
 * </ul>
 * Seconds of faults: {@code -Dwskemu.faults.seconds} (40 by default, well under 2 minutes in all; the
 * long run gives several minutes). The figures are printed at the end.
 */
@ExtendWith(PostgresCluster.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class PostgresFaultsIT {

    static final int WRITERS = 4;
    static final int CALLS = 600;
    static final int BATCH = 10;
    private static final Pattern CALL_LINE = Pattern.compile("\\s*(\\d+)  (\\w+)\\s+(\\S+)\\s+(STATUS_\\w+) \\(0x[0-9A-F]{8}\\)\\s+@(\\d+).*");
    private static final Pattern SUMMARY = Pattern.compile("run (\\d+): (\\d+) calls, .*");

    @TempDir
    Path temp;

    /** One writer process, from its start to its end. */
    private static final class Writer {
        final Process process;
        final Path err;
        final List<Long> printed = Collections.synchronizedList(new ArrayList<>());
        final List<String> lastLines = Collections.synchronizedList(new ArrayList<>());
        volatile boolean killed;
        int exit;

        Writer(Process process, Path err) {
            this.process = process;
            this.err = err;
        }
    }

    @Test
    void writersAndTheServerKilledAtRandomLoseNothingCommittedAndDoubleNothing() throws Exception {
        int seconds = Integer.getInteger("wskemu.faults.seconds", 40);
        long seed = Long.getLong("wskemu.faults.seed", System.nanoTime());
        Random random = new Random(seed);
        String url = PostgresCluster.freshDatabase();
        String store = PostgresCluster.withCredentials(url);
        List<Path> sessions = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            sessions.add(LongSession.write(temp.resolve("writer-" + i + ".wsk.jsonl"), CALLS, seed + i));
        }
        // the store made before the faults begin (a first open under a crash is AtomicOpenIT's)
        Path setup = temp.resolve("setup.wsk.jsonl");
        Files.writeString(setup, "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}\n");
        Cli.ok("--store", store, "run", setup.toString()); // run 1, checked as it is: not a writer's

        List<Writer> all = Collections.synchronizedList(new ArrayList<>());
        Writer[] live = new Writer[WRITERS];
        AtomicBoolean stopping = new AtomicBoolean();
        List<Thread> slots = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            int slot = i;
            Thread thread = new Thread(() -> {
                for (int n = 0; !stopping.get(); n++) {
                    Writer writer = start(store, sessions.get(slot), temp.resolve("writer-" + slot + "-" + n + ".err"));
                    all.add(writer);
                    synchronized (live) {
                        live[slot] = writer;
                    }
                    read(writer);
                    synchronized (live) {
                        live[slot] = null;
                    }
                }
            }, "writer-" + slot);
            thread.start();
            slots.add(thread);
        }

        int writerKills = 0;
        int serverCrashes = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            Thread.sleep(500 + random.nextInt(2_500));
            if (random.nextInt(4) == 0) {
                PostgresCluster.crashAndRestart();
                serverCrashes++;
            } else {
                Writer victim;
                synchronized (live) {
                    victim = live[random.nextInt(WRITERS)];
                }
                if (victim != null && victim.process.isAlive()) {
                    victim.killed = true;
                    victim.process.destroyForcibly(); // SIGKILL
                    writerKills++;
                }
            }
        }
        stopping.set(true);
        long finish = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Thread thread : slots) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(finish - System.nanoTime())));
        }
        synchronized (live) {
            for (Writer writer : live) {
                if (writer != null && writer.process.isAlive()) { // still running a minute on: the last kill
                    writer.killed = true;
                    writer.process.destroyForcibly();
                    writerKills++;
                }
            }
        }
        for (Thread thread : slots) {
            thread.join(TimeUnit.MINUTES.toMillis(2));
            assertFalse(thread.isAlive(), "a writer did not end after SIGKILL");
        }

        Cli.Result verify = Cli.run("--store", store, "verify");
        assertEquals(0, verify.exit(), () -> "seed " + seed + ": " + verify);

        Map<Long, JsonNode> runs = new HashMap<>();
        for (JsonNode run : Cli.ok("--store", store, "history", "--runs", "--json").json()) {
            runs.put(run.get("run").asLong(), run);
        }
        String database = url.substring(url.lastIndexOf('/') + 1);
        Set<Long> matched = new HashSet<>(Set.of(1L));
        long checked = 0;
        int ended = 0;
        int cutShort = 0;
        try (Connection connection = PostgresCluster.connect(database);
             PreparedStatement runOf = connection.prepareStatement("SELECT metaData FROM DomainEventEntry WHERE globalIndex = ?")) {
            for (Writer writer : all) {
                String context = "seed " + seed + ", writer " + writer.err.getFileName() + " (exit " + writer.exit
                        + (writer.killed ? ", killed" : "") + ", " + writer.printed.size() + " calls printed)";
                List<String> err = Files.readAllLines(writer.err, StandardCharsets.UTF_8);
                if (!writer.killed) {
                    assertTrue(writer.exit == ExitCode.OK || writer.exit == ExitCode.STORE, context + ": " + err);
                    if (writer.exit == ExitCode.OK) {
                        assertEquals(List.of(), err, context);
                        Matcher summary = SUMMARY.matcher(writer.lastLines.isEmpty() ? "" : writer.lastLines.get(0));
                        assertTrue(summary.matches(), context + ": the last line " + writer.lastLines);
                        assertEquals(CALLS, writer.printed.size(), context);
                    } else {
                        assertEquals(1, err.size(), context + ": " + err);
                        assertTrue(err.get(0).startsWith("wskemu: store " + url + " "), context + ": " + err);
                        assertFalse(err.get(0).contains(PostgresCluster.PASSWORD), context);
                    }
                }
                // the run the writer's calls went to, from the first printed call's event
                Long run = null;
                for (long position : writer.printed) {
                    if (position == 0) {
                        continue;
                    }
                    runOf.setLong(1, position);
                    try (ResultSet rs = runOf.executeQuery()) {
                        assertTrue(rs.next(), context + ": the call printed at position " + position + " is lost");
                        Long of = LoggedEvent.runIn(rs.getBytes(1));
                        if (run == null) {
                            run = of;
                        }
                        assertEquals(run, of, context + ": the call printed at " + position + " is in another run");
                    }
                }
                if (run == null) {
                    continue; // printed nothing: its run, if any, is checked with the unmatched ones below
                }
                matched.add(run);
                JsonNode recorded = runs.get(run);
                assertTrue(recorded != null, context + ": run " + run + " not in history --runs");
                long calls = recorded.get("calls").asLong();
                checked += calls;
                if (!writer.killed && writer.exit == ExitCode.OK) {
                    ended++;
                    assertEquals(writer.printed.size(), calls, context + ": a run that ended recorded what it printed");
                    assertTrue(recorded.get("ended").asBoolean(), context + ": " + recorded);
                } else {
                    cutShort++;
                    assertTrue(calls >= writer.printed.size() && calls <= writer.printed.size() + BATCH,
                            context + ": run " + run + " recorded " + calls + " calls: at most one batch beyond those printed");
                    assertFalse(recorded.get("ended").asBoolean(), context + ": " + recorded);
                }
            }
        }
        for (JsonNode run : runs.values()) {
            if (!matched.contains(run.get("run").asLong())) {
                // a writer cut short before it printed a call: one batch at most, never an end
                assertTrue(run.get("calls").asLong() <= BATCH, () -> "seed " + seed + ": an unprinted run " + run);
                assertFalse(run.get("ended").asBoolean(), () -> "seed " + seed + ": " + run);
                checked += run.get("calls").asLong();
            }
        }
        assertTrue(writerKills + serverCrashes > 0, "no fault was injected");
        System.out.printf("PostgresFaultsIT: %d s of faults, seed %d: %d writer kills (SIGKILL), %d server crashes "
                        + "(pg_ctl -m immediate), %d writer processes, %d runs (%d ended, %d cut short and matched), "
                        + "%d recorded calls checked; verify clean%n", seconds, seed, writerKills, serverCrashes, all.size(),
                runs.size(), ended, cutShort, checked);
    }

    private static Writer start(String store, Path session, Path err) {
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                    Wskemu.class.getName(), "--store", store, "run", session.toString(), "--batch", Integer.toString(BATCH))
                    .redirectError(err.toFile())
                    .start();
            return new Writer(process, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the writer's output to its end: the positions of the calls it printed, and its last line. */
    private static void read(Writer writer) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher call = CALL_LINE.matcher(line);
                if (call.matches()) {
                    writer.printed.add(Long.parseLong(call.group(5)));
                } else if (!line.isBlank()) {
                    writer.lastLines.clear();
                    writer.lastLines.add(line);
                }
            }
            writer.exit = writer.process.waitFor();
            if (writer.exit != 128 + 9) {
                writer.killed = false; // it had ended by itself before the kill reached it
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
