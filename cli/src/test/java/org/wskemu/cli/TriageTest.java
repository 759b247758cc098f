package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.event.RunStarted;
import org.wskemu.engine.EngineJackson;

/**
 * Issue #13's triage: expectations, lines and the file's SHA-256 recorded with the run and shown long
 * after it ({@code history --diverged}, {@code audit --diverged}, {@code explain}), {@code run -} and
 * {@code --fail-fast}, the first divergence named by the run's last line.
 */
class TriageTest {

    /**
     * Line 3's bind succeeds though the recording says ACCESS_DENIED; line 5's bind is refused by that
     * binding (follows from line 3); line 6 reads an option of the same socket with a wrong value.
     */
    static final List<String> CHAIN = List.of(
            "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
            "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
            "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\",\"expect\":\"ACCESS_DENIED\"}",
            "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
            "{\"op\":\"bind\",\"socket\":\"b\",\"address\":\"0.0.0.0:80\",\"expect\":\"SUCCESS\"}",
            "{\"op\":\"get\",\"socket\":\"a\",\"option\":\"SO_REUSEADDR\",\"expectValue\":1}",
            "{\"op\":\"close\",\"socket\":\"a\",\"expect\":\"SUCCESS\"}");

    @TempDir
    Path temp;

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private String store() {
        return temp.resolve("store").toString();
    }

    private Path chain() {
        return Cli.session(temp.resolve("chain.wsk.jsonl"), CHAIN);
    }

    private static long position(List<JsonNode> run, int line) {
        return run.stream().filter(n -> n.path("line").asInt() == line).findFirst().orElseThrow()
                .get("position").asLong();
    }

    @Test
    void theRunsLastLineNamesTheFirstDivergence() {
        Cli.Result result = Cli.run("--store", store(), "run", chain().toString());

        assertEquals(1, result.exit(), result::toString);
        String last = result.outLines().get(result.outLines().size() - 1);
        assertTrue(last.startsWith("run 1: 7 calls, 4 expectations, 3 divergences; first divergence at line 3 (position "),
                last);
    }

    @Test
    void theJsonSummaryGainsTheFirstDivergenceOnlyWhenThereIsOne() {
        List<JsonNode> diverged = Cli.run("--store", store(), "run", chain().toString(), "--json").json();
        JsonNode summary = diverged.get(diverged.size() - 1).get("summary");
        assertEquals(3, summary.get("firstDivergence").asInt());
        assertFalse(summary.has("stoppedEarly"));

        List<JsonNode> clean = Cli.ok("--store", "mem", "run", Cli.QUICKSTART.toString(), "--json").json();
        assertEquals(List.of("calls", "expectations", "divergences"), Cli.keys(clean.get(clean.size() - 1).get("summary")));
    }

    @Test
    void historyDivergedShowsOnlyTheDivergedCallsWithTheirLinesLongAfterTheRun() {
        List<JsonNode> run = Cli.run("--store", store(), "run", chain().toString(), "--json").json();

        List<String> table = Cli.ok("--store", store(), "history", "--diverged").outLines();
        assertEquals(3, table.size(), table::toString);
        assertTrue(table.get(0).endsWith("[run 1 line 3, recorded STATUS_ACCESS_DENIED: DIVERGED]"), table.get(0));
        assertTrue(table.get(1).endsWith("[run 1 line 5, recorded STATUS_SUCCESS: DIVERGED]"), table.get(1));
        assertTrue(table.get(2).endsWith("[run 1 line 6, recorded any status, value 1: DIVERGED]"), table.get(2));

        List<JsonNode> json = Cli.ok("--store", store(), "history", "--diverged", "--json").json();
        assertEquals(List.of(position(run, 3), position(run, 5), position(run, 6)),
                json.stream().map(n -> n.get("position").asLong()).toList());
        assertEquals(List.of(3, 5, 6), json.stream().map(n -> n.get("line").asInt()).toList());
        assertEquals("STATUS_ACCESS_DENIED", json.get(0).get("expected").asText());
        assertEquals("1", json.get(2).get("expectedValue").asText());
        assertTrue(json.stream().allMatch(n -> n.get("diverged").asBoolean()));

        // every call's line is recorded, diverged or not
        List<JsonNode> all = Cli.ok("--store", store(), "history", "--json").json();
        JsonNode close = all.stream().filter(n -> n.get("position").asLong() == position(run, 7)).findFirst().orElseThrow();
        assertEquals(7, close.get("line").asInt());
        assertFalse(close.get("diverged").asBoolean());
    }

    @Test
    void auditDivergedListsOnlyTheDivergedBinds() {
        List<JsonNode> run = Cli.run("--store", store(), "run", chain().toString(), "--json").json();

        List<JsonNode> rows = Cli.ok("--store", store(), "audit", "--diverged", "--json").json();

        assertEquals(List.of(position(run, 3), position(run, 5)), rows.stream().map(n -> n.get("position").asLong()).toList());
        assertEquals(2, Cli.ok("--store", store(), "audit", "--json").json().size());
    }

    @Test
    void historyRunsShowsTheFilesSha256() {
        Path file = chain();
        Cli.run("--store", store(), "run", file.toString());

        JsonNode run = Cli.ok("--store", store(), "history", "--runs", "--json").single();

        assertEquals(sha256(file), run.get("sha256").asText());
        assertEquals(3, run.get("divergences").asInt());
    }

    @Test
    void explainOfADivergedBindNamesTheRefusingBindingAndTheEarlierDivergence() {
        List<JsonNode> run = Cli.run("--store", store(), "run", chain().toString(), "--json").json();
        long first = position(run, 3);
        long second = position(run, 5);

        List<String> text = Cli.ok("--store", store(), "explain", Long.toString(second)).outLines();

        assertTrue(text.contains("recorded: run 1, line 5, STATUS_SUCCESS"), text::toString);
        assertTrue(text.contains("DIVERGENCE: recorded STATUS_SUCCESS, emulator STATUS_ADDRESS_ALREADY_EXISTS"),
                text::toString);
        assertTrue(text.contains("refused by: socket a (run 1), bound at position " + first
                + " (line 3): STATUS_ADDRESS_ALREADY_EXISTS; that bind itself diverged"), text::toString);
        assertTrue(text.contains("follows from: the divergence at position " + first
                + " (line 3): the refusing binding of socket a was itself a diverged bind"), text::toString);

        JsonNode json = Cli.ok("--store", store(), "explain", Long.toString(second), "--json").single();
        assertEquals(5, json.get("line").asInt());
        assertEquals("STATUS_SUCCESS", json.get("expected").asText());
        assertTrue(json.get("diverged").asBoolean());
        assertEquals("STATUS_ADDRESS_ALREADY_EXISTS", json.get("emulator").asText());
        JsonNode refuser = json.get("refusedBy").get(0);
        assertEquals("a", refuser.get("socket").asText());
        assertEquals(first, refuser.get("boundAt").asLong());
        assertEquals(3, refuser.get("line").asInt());
        assertEquals(3, json.get("followsFrom").get(0).get("line").asInt());
    }

    @Test
    void explainOfADivergedCallOnASocketWhoseBindDivergedSaysSo() {
        List<JsonNode> run = Cli.run("--store", store(), "run", chain().toString(), "--json").json();

        List<String> text = Cli.ok("--store", store(), "explain", Long.toString(position(run, 6))).outLines();

        assertTrue(text.contains("DIVERGENCE: recorded any status, value 1, emulator STATUS_SUCCESS, value 0"),
                text::toString);
        assertTrue(text.contains("follows from: the divergence at position " + position(run, 3)
                + " (line 3): an earlier call on the same socket diverged"), text::toString);

        // the first divergence follows from none
        JsonNode first = Cli.ok("--store", store(), "explain", Long.toString(position(run, 3)), "--json").single();
        assertEquals(0, first.get("followsFrom").size());
        assertEquals("STATUS_SUCCESS", first.get("emulator").asText());
    }

    @Test
    void failFastStopsAfterTheBatchOfTheFirstDivergence() {
        Cli.Result result = Cli.run("--store", store(), "run", chain().toString(), "--fail-fast", "--batch", "1");

        assertEquals(1, result.exit(), result::toString);
        List<String> lines = result.outLines();
        assertEquals(4, lines.size(), result::toString);
        assertTrue(lines.get(3).endsWith("; first divergence at line 3 (position " + lines.get(2).split("@")[1].split("\\s")[0]
                + "); stopped early (--fail-fast) after line 3, of 7 calls"), lines.get(3));
        assertEquals(3, Cli.ok("--store", store(), "history", "--runs", "--json").single().get("calls").asInt());

        // a whole batch stays recorded: with the default batch, every call of this small file runs
        Cli.Result whole = Cli.run("--store", "mem", "run", chain().toString(), "--fail-fast", "--json");
        List<JsonNode> json = whole.json();
        assertEquals(8, json.size());
        assertFalse(json.get(7).get("summary").has("stoppedEarly"));
    }

    @Test
    void failFastInJsonSaysItStoppedEarly() {
        List<JsonNode> json = Cli.run("--store", "mem", "run", chain().toString(), "--fail-fast", "--batch", "2",
                "--json").json();

        JsonNode summary = json.get(json.size() - 1).get("summary");
        assertTrue(summary.get("stoppedEarly").asBoolean());
        assertEquals(3, summary.get("firstDivergence").asInt());
        assertEquals(4, summary.get("calls").asInt());
    }

    @Test
    void runDashReadsTheSessionFromStandardInputAndRecordsItsDigest() throws Exception {
        byte[] bytes = Files.readAllBytes(chain());

        Cli.Result result = Cli.runWithInput(bytes, "--store", store(), "run", "-");

        assertEquals(1, result.exit(), result::toString);
        JsonNode run = Cli.ok("--store", store(), "history", "--runs", "--json").single();
        assertEquals("-", run.get("source").asText());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                run.get("sha256").asText());
    }

    @Test
    void runDashValidatesTheWholeInputBeforeAnythingRuns() {
        byte[] bytes = String.join("\n", CHAIN.get(0), "{\"op\":\"bind\",\"socket\":\"a\"}").getBytes(StandardCharsets.UTF_8);

        Cli.Result result = Cli.runWithInput(bytes, "--store", store(), "run", "-");

        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.err().startsWith("-:2: "), result::toString);
        assertFalse(Files.exists(temp.resolve("store")));
    }

    @Test
    void eventsWrittenBeforeExpectationsWereRecordedStillRead() throws Exception {
        RunStarted old = EngineJackson.mapper().readValue("{\"run\":1,\"source\":\"a\"}", RunStarted.class);
        assertNull(old.sha256());
        CallsRecorded.Call bare = EngineJackson.mapper().readValue("{\"position\":5,\"line\":2}", CallsRecorded.Call.class);
        assertFalse(bare.hasExpectation());
        assertFalse(bare.diverges());
        // a call with no expectation is stored without its null fields
        assertEquals("{\"position\":5,\"line\":2}", EngineJackson.mapper().writeValueAsString(bare));
    }

    @Test
    void tenThousandLinesWithThreeWrongExpectationsAreFoundByHistoryDiverged() {
        List<String> lines = new ArrayList<>();
        lines.add("{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}");
        List<Integer> wrong = new ArrayList<>();
        int port = 1;
        while (lines.size() < 10_000) {
            String label = "s" + port;
            if (lines.size() + 3 > 10_000) {
                lines.add("# filler");
                continue;
            }
            lines.add("{\"op\":\"socket\",\"socket\":\"" + label + "\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}");
            boolean isWrong = port == 100 || port == 1700 || port == 3300;
            lines.add("{\"op\":\"bind\",\"socket\":\"" + label + "\",\"address\":\"0.0.0.0:" + port + "\",\"expect\":\""
                    + (isWrong ? "ACCESS_DENIED" : "SUCCESS") + "\"}");
            if (isWrong) {
                wrong.add(lines.size());
            }
            lines.add("{\"op\":\"close\",\"socket\":\"" + label + "\",\"expect\":\"SUCCESS\"}");
            port++;
        }
        assertEquals(10_000, lines.size());
        Path file = Cli.session(temp.resolve("long.wsk.jsonl"), lines);
        assertEquals(1, Cli.run("--store", store(), "run", file.toString()).exit());

        List<JsonNode> diverged = Cli.ok("--store", store(), "history", "--diverged", "--json").json();

        assertEquals(wrong, diverged.stream().map(n -> n.get("line").asInt()).toList());
    }
}
