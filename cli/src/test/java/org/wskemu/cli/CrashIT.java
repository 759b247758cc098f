package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.api.event.EphemeralPortFreed;
import org.wskemu.api.event.EphemeralPortTaken;
import org.wskemu.api.event.PortBindingAdded;
import org.wskemu.api.event.PortBindingReleased;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.WskEvent;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.log.RunSummary;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.verify.VerifyReport;
import org.wskemu.persistence.H2Storage;
import org.wskemu.persistence.StoreLocation;

/**
 * The machine dies mid-run: {@code wskemu --store DIR run FILE --batch 50} runs a generated session
 * of 20,000 calls in a child JVM, which is killed with SIGKILL ({@link Process#destroyForcibly()} on
 * Linux) once it has printed a chosen number of call lines (moments picked from its output, never
 * from a clock), several times over on one store that keeps every killed run. Then the store:
 * <ul>
 *   <li>opens (no exit 3) and verify re-derives every decision;</li>
 *   <li>holds no half call: every bind's port half ({@code PortBindingAdded}) sits right before its
 *       socket half ({@code SocketBound}), a close's release right after it (only the ephemeral
 *       range's event between), and each killed run recorded whole batches of 50 calls;</li>
 *   <li>holds every call the killed run reported (a line is printed once its batch committed);</li>
 *   <li>has read models that catch up with the log;</li>
 *   <li>tells the user how far each killed run got ({@code history --runs}).</li>
 * </ul>
 * The default run kills 3 runs early in the file; {@code -Dwskemu.long=true} kills 10 at moments
 * spread over the whole file, then lets an 11th finish (RELIABILITY.md).
 */
@Tag("kill")
@EnabledOnOs(OS.LINUX)
class CrashIT {

    static final int CALLS = 20_000;
    static final int BATCH = 50;
    private static final Pattern CALL_LINE = Pattern.compile("\\s*(\\d+)  (\\w+)\\s+(\\S+)\\s+(STATUS_\\w+) \\(0x[0-9A-F]{8}\\)\\s+@(\\d+).*");

    @TempDir
    Path temp;

    @Test
    void threeRunsKilledMidWayLeaveAWholeVerifiableStore() throws Exception {
        Path session = LongSession.write(temp.resolve("long.wsk.jsonl"), CALLS, 20_260_101L);
        Path store = temp.resolve("store");
        List<Killed> killed = new ArrayList<>();
        for (int lines : new int[] {400, 2_500, 1_200}) {
            killed.add(runAndKill(store, session, lines));
            assertReadModelsAreTheCommittedLog(store);
        }
        checkStore(store, session, killed, false);
    }

    @Test
    @EnabledIfSystemProperty(named = "wskemu.long", matches = "true")
    void tenRunsKilledAtMomentsSpreadOverTheFileThenOneThatFinishes() throws Exception {
        Path session = LongSession.write(temp.resolve("long.wsk.jsonl"), CALLS, 20_260_102L);
        Path store = temp.resolve("store");
        Random moments = new Random(20_260_103L);
        List<Killed> killed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // one moment in each tenth of the file
            int lines = i * CALLS / 10 + 1 + moments.nextInt(CALLS / 10 - 100);
            killed.add(runAndKill(store, session, lines));
            assertReadModelsAreTheCommittedLog(store);
        }
        Process last = start(store, session);
        last.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(last.waitFor(10, TimeUnit.MINUTES), "the last run did not finish");
        assertEquals(0, last.exitValue(), () -> "the run after the crashes: " + read(temp.resolve("child.err")));
        checkStore(store, session, killed, true);
        System.out.println("CrashIT: " + killed.size() + " runs killed with SIGKILL at " + killed.stream()
                .map(k -> k.printed().size() + " lines").toList() + ", then one run of " + CALLS + " calls finished");
    }

    /** A killed run: the call lines it printed. */
    record Killed(List<Printed> printed) {
    }

    /** One call line of {@code run}'s output: the file's line, the op, the status and the position. */
    record Printed(int line, String op, String status, long position) {
    }

    private Killed runAndKill(Path store, Path session, int lines) throws Exception {
        Process child = start(store, session);
        List<Printed> printed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            while (printed.size() < lines) {
                String line = out.readLine();
                if (line == null) {
                    child.waitFor(60, TimeUnit.SECONDS);
                    fail("the run ended after " + printed.size() + " call lines, before it could be killed; exit "
                            + child.exitValue() + ": " + read(temp.resolve("child.err")));
                }
                Matcher call = CALL_LINE.matcher(line);
                assertTrue(call.matches(), () -> "not a call line: " + line);
                printed.add(new Printed(Integer.parseInt(call.group(1)), call.group(2), call.group(4),
                        Long.parseLong(call.group(5))));
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no H2 close, no flush
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the killed run did not end");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");
        return new Killed(printed);
    }

    private Process start(Path store, Path session) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Daxoniq.update-checker.disabled=true",
                // C1 only: the child reaches its first call in half the time on a busy machine
                "-XX:TieredStopAtLevel=1",
                Wskemu.class.getName(), "--store", store.toString(), "run", session.toString(), "--batch",
                Integer.toString(BATCH))
                .redirectError(temp.resolve("child.err").toFile())
                .start();
    }

    private void checkStore(Path store, Path session, List<Killed> killed, boolean lastFinished) {
        // the store opens, and verify re-derives every decision (exit 0, not 1 or 3)
        Cli.Result verify = Cli.run("--store", store.toString(), "verify");
        assertEquals(0, verify.exit(), verify::toString);

        // history --runs tells how far each run got
        List<JsonNode> runs = Cli.ok("--store", store.toString(), "history", "--runs", "--json").json();
        assertEquals(killed.size() + (lastFinished ? 1 : 0), runs.size(), runs::toString);
        for (int i = 0; i < killed.size(); i++) {
            JsonNode run = runs.get(i);
            List<Printed> printed = killed.get(i).printed();
            long calls = run.get("calls").asLong();
            assertEquals(i + 1, run.get("run").asLong());
            assertEquals(session.toString(), run.get("source").asText());
            assertTrue(calls >= printed.size(), () -> "run " + run + " printed " + printed.size() + " calls");
            assertTrue(calls < CALLS, () -> "run " + run + " was killed before its end");
            assertEquals(0, calls % BATCH, () -> "whole batches only: " + run);
            assertTrue(printed.get(printed.size() - 1).position() <= run.get("last").asLong(),
                    () -> "the last call printed is recorded: " + run);
        }
        if (lastFinished) {
            assertEquals(CALLS, runs.get(killed.size()).get("calls").asLong());
        }
        List<String> table = Cli.ok("--store", store.toString(), "history", "--runs").outLines();
        // a header, a row per run, then a line per run that never ended: each killed one
        assertEquals(runs.size() + 1 + killed.size(), table.size(), table::toString);
        assertEquals(killed.size(), table.stream().filter(l -> l.startsWith("UNFINISHED run ")).count(), table::toString);

        try (WskEmulator kernel = WskEmulator.builder().storage(H2Storage.open(StoreLocation.directory(store))).build()) {
            List<LoggedEvent> log;
            try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
                log = events.toList();
            }
            long head = kernel.log().head();
            assertEquals(head, log.get(log.size() - 1).position());
            assertNoHalfCalls(log);
            assertEquals(RunSummary.of(log.stream()).stream().map(RunSummary::calls).toList(),
                    runs.stream().map(r -> r.get("calls").asLong()).toList());
            // positions need not be consecutive: H2 may skip identity values it had cached when killed
            Map<Long, WskEvent> byPosition = new HashMap<>();
            log.forEach(e -> byPosition.put(e.position(), e.event()));
            for (Killed run : killed) {
                for (Printed call : run.printed()) {
                    // the event the line named is recorded: the call's last event, of the call's kind
                    WskEvent event = byPosition.get(call.position());
                    assertTrue(event != null, () -> "no event at the position printed for " + call);
                    if (call.op().equals("bind") && call.status().equals("STATUS_SUCCESS")) {
                        assertInstanceOf(SocketBound.class, event, call::toString);
                    }
                }
            }
            VerifyReport report = kernel.verify();
            assertEquals(List.of(), report.mismatches());
            assertEquals(head, kernel.readModels().position(), "the read models caught up with the log");
        }
    }

    /**
     * Each batch folds the read models in its own transaction, so right after the kill the tables are
     * those of every committed event: a fold of the whole log, nothing missing, nothing twice.
     */
    private static void assertReadModelsAreTheCommittedLog(Path store) throws Exception {
        H2Storage storage = H2Storage.open(StoreLocation.directory(store));
        // an engine on the store reads its log; nothing asks for its read models, so nothing folds them
        try (WskEmulator kernel = WskEmulator.builder().storage(storage).build();
             Connection connection = storage.store().dataSource().getConnection()) {
            long head = single(connection, "SELECT MAX(globalIndex) FROM DomainEventEntry");
            assertTrue(head > 0, "events were committed before the kill");
            assertEquals(List.of(List.of("TRUE")), rows(connection, "SELECT folded_inline FROM wsk_read_model_position"),
                    "marked as folded by each batch: nothing left to fold");
            InMemoryReadModels fold = new InMemoryReadModels();
            try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
                events.forEach(fold::fold);
            }
            assertEquals(fold.decisions().stream().map(d -> List.of(String.valueOf(d.position()), String.valueOf(
                    d.socket().value()), d.status().name())).toList(), rows(connection, "SELECT event_position, socket, "
                    + "status FROM wsk_decision ORDER BY event_position"), "the decisions are the log's");
            assertEquals(fold.warnings().stream().map(w -> List.of(String.valueOf(w.position()), w.kind().name()))
                    .toList(), rows(connection, "SELECT event_position, kind FROM wsk_warning ORDER BY event_position, "
                    + "kind"), "the warnings are the log's");
            assertEquals(fold.sockets().stream().map(r -> List.of(String.valueOf(r.socket().value()),
                    String.valueOf(r.createdAt()), String.valueOf(r.closedAt()))).toList(), rows(connection,
                    "SELECT socket, created_at, closed_at FROM wsk_socket ORDER BY created_at"), "the sockets are the log's");
            assertEquals(fold.ownership().stream().map(o -> List.of(String.valueOf(o.socket().value()), o.address()
                    .toString())).toList(), rows(connection, "SELECT socket, address FROM wsk_ownership ORDER BY "
                    + "bound_at"), "the bindings are the log's");
            assertTrue(fold.decisions().size() > 10, "decisions were made: " + fold.decisions().size());
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        return Long.parseLong(rows(connection, sql).get(0).get(0));
    }

    private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * One process ran the calls one after the other, so a call's events are next to each other: a
     * bind's PortBindingAdded, maybe the range's EphemeralPortTaken, then its SocketBound; a close's
     * SocketClosed, maybe EphemeralPortFreed, then PortBindingReleased.
     */
    private static void assertNoHalfCalls(List<LoggedEvent> log) {
        for (int i = 0; i < log.size(); i++) {
            WskEvent event = log.get(i).event();
            long position = log.get(i).position();
            if (event instanceof PortBindingAdded added) {
                int j = i + 1 < log.size() && log.get(i + 1).event() instanceof EphemeralPortTaken ? i + 2 : i + 1;
                assertTrue(j < log.size() && log.get(j).event() instanceof SocketBound bound
                        && bound.socket().equals(added.binding().socket()) && bound.binding().equals(added.binding()),
                        () -> "PortBindingAdded at " + position + " without its SocketBound");
            } else if (event instanceof SocketBound bound) {
                int j = log.get(i - 1).event() instanceof EphemeralPortTaken ? i - 2 : i - 1;
                assertTrue(j >= 0 && log.get(j).event() instanceof PortBindingAdded added
                        && added.binding().equals(bound.binding()),
                        () -> "SocketBound at " + position + " without its PortBindingAdded just before");
            } else if (event instanceof SocketClosed closed && closed.released() != null) {
                int j = i + 1 < log.size() && log.get(i + 1).event() instanceof EphemeralPortFreed ? i + 2 : i + 1;
                assertTrue(j < log.size() && log.get(j).event() instanceof PortBindingReleased released
                        && released.socket().equals(closed.socket()),
                        () -> "SocketClosed at " + position + " without its PortBindingReleased");
            } else if (event instanceof PortBindingReleased released) {
                int j = log.get(i - 1).event() instanceof EphemeralPortFreed ? i - 2 : i - 1;
                assertTrue(j >= 0 && log.get(j).event() instanceof SocketClosed closed
                        && closed.socket().equals(released.socket()),
                        () -> "PortBindingReleased at " + position + " without its SocketClosed");
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
