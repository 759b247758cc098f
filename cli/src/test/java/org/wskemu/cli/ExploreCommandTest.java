package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wskemu explore}: the contract's JSON shapes, exit statuses and options; witnesses that run. */
class ExploreCommandTest {

    static final Path BOOT_RACE = Cli.EXAMPLES.resolve("boot-race.wsk.jsonl");

    @TempDir
    Path temp;

    @Test
    void theExampleRaceHasTwoOutcomesAndEachWitnessRunsToItsOutcome() throws Exception {
        Path witnesses = temp.resolve("w");
        Cli.Result result = Cli.run("explore", BOOT_RACE.toString(), "--witness-dir", witnesses.toString(), "--json");

        assertEquals(1, result.exit(), result::toString);
        List<JsonNode> lines = result.json();
        assertEquals(3, lines.size(), result::toString);
        assertEquals(List.of("outcome", "orders", "differs", "witness"), Cli.keys(lines.get(0)));
        assertEquals(1, lines.get(0).get("outcome").asInt());
        assertEquals(0, lines.get(0).get("differs").size(), "the file's own outcome differs in nothing");
        JsonNode second = lines.get(1);
        assertEquals(2, second.get("differs").size());
        assertEquals(List.of("line", "status", "own"), Cli.keys(second.get("differs").get(0)));
        assertEquals(10, second.get("differs").get(0).get("line").asInt());
        assertEquals("STATUS_ADDRESS_ALREADY_EXISTS", second.get("differs").get(0).get("status").asText());
        assertEquals("STATUS_SUCCESS", second.get("differs").get(0).get("own").asText());
        assertEquals(15, second.get("differs").get(1).get("line").asInt());
        assertEquals("STATUS_SUCCESS", second.get("differs").get(1).get("status").asText());
        JsonNode summary = lines.get(2);
        assertEquals(List.of("summary", "outcomes", "naiveOrders", "ordersRun", "complete", "programs"), Cli.keys(summary));
        assertEquals(2, summary.get("outcomes").asInt());
        assertEquals(126, summary.get("naiveOrders").asInt(), "C(9,4): 5 and 4 calls in two programs");
        assertTrue(summary.get("ordersRun").asInt() < 126);
        assertTrue(summary.get("complete").asBoolean());
        for (int i = 0; i < 2; i++) {
            Path witness = Path.of(lines.get(i).get("witness").asText());
            assertEquals(witnesses.resolve("outcome-" + (i + 1) + ".wsk.jsonl"), witness);
            // the real run path, in memory: every expect of the witness holds
            Cli.Result run = Cli.run("--store", "mem", "run", witness.toString(), "--json");
            assertEquals(0, run.exit(), "witness " + (i + 1) + " runs to its outcome\n" + run);
            List<JsonNode> calls = run.json();
            assertEquals(0, calls.get(calls.size() - 1).get("summary").get("divergences").asInt());
        }
    }

    @Test
    void theTableSaysTheSameInWords() {
        Cli.Result result = Cli.run("explore", BOOT_RACE.toString());

        assertEquals(1, result.exit(), result::toString);
        List<String> lines = result.outLines();
        assertEquals("outcome 1 (the file's own order): 1 order", lines.get(0));
        assertTrue(lines.get(1).startsWith("outcome 2: "), result::toString);
        assertTrue(lines.get(2).contains("line 10 bind https: STATUS_ADDRESS_ALREADY_EXISTS (in the file's order: STATUS_SUCCESS)"),
                result::toString);
        assertTrue(lines.get(lines.size() - 1).startsWith("2 outcomes from 2 programs (process 1204, process 4); "), result::toString);
        assertTrue(lines.get(lines.size() - 1).endsWith("of 126 without reduction; search complete"), result::toString);
    }

    @Test
    void oneProgramHasOneOutcomeAndExitsZero() {
        Path session = Cli.session(temp.resolve("one.wsk.jsonl"), List.of(
                "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\"}"));
        Cli.Result result = Cli.ok("explore", session.toString(), "--json");
        assertEquals(2, result.json().size());
        assertEquals(1, result.json().get(1).get("naiveOrders").asInt());
    }

    @Test
    void maxOrdersAndSeedSayTheSearchIsNotComplete() {
        Cli.Result cut = Cli.run("explore", BOOT_RACE.toString(), "--max-orders", "1", "--json");
        assertEquals(0, cut.exit(), "nothing differing found before the cut: " + cut);
        JsonNode summary = cut.json().get(cut.json().size() - 1);
        assertFalse(summary.get("complete").asBoolean());
        assertEquals(1, summary.get("ordersRun").asInt());

        Cli.Result sampled = Cli.run("explore", BOOT_RACE.toString(), "--seed", "7", "--max-orders", "40", "-o", "json");
        assertEquals(1, sampled.exit(), sampled::toString);
        JsonNode sampledSummary = sampled.json().get(sampled.json().size() - 1);
        assertEquals(40, sampledSummary.get("ordersRun").asInt());
        assertFalse(sampledSummary.get("complete").asBoolean());
    }

    @Test
    void aHostLineAfterTheFirstCallIsBadInputNamingItsLine() {
        Path session = Cli.session(temp.resolve("host.wsk.jsonl"), List.of(
                "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"host\",\"addresses\":[\"10.0.0.5\"]}"));
        Cli.Result result = Cli.run("explore", session.toString());
        Cli.assertOneLineError(2, result);
        assertTrue(result.err().contains(session + ":3: a host line after the first call"), result::toString);
    }

    @Test
    void badInputAndBadOptionsExitTwo() {
        Path broken = Cli.session(temp.resolve("broken.wsk.jsonl"), List.of("{\"op\":\"bind\"}"));
        assertEquals(2, Cli.run("explore", broken.toString()).exit());
        assertEquals(2, Cli.run("explore", BOOT_RACE.toString(), "--max-orders", "0").exit());
        assertEquals(2, Cli.run("explore", BOOT_RACE.toString(), "--by", "socket").exit());
        assertEquals(2, Cli.run("explore", temp.resolve("missing.wsk.jsonl").toString()).exit());
    }

    @Test
    void readsTheSessionFromStandardInput() throws Exception {
        Cli.Result result = Cli.runWithInput(Files.readAllBytes(BOOT_RACE), "explore", "-", "--json");
        assertEquals(1, result.exit(), result::toString);
        assertEquals(3, result.json().size());
    }

    @Test
    void exploreAndShrinkOpenNoStore() {
        Path store = temp.resolve("store");
        boolean defaultStoreBefore = Files.exists(Path.of(".wskemu"));
        Cli.run("--store", store.toString(), "explore", BOOT_RACE.toString());
        Cli.run("explore", BOOT_RACE.toString());
        Cli.run("--store", store.toString(), "shrink", BOOT_RACE.toString(), "--call", "15");
        Cli.run("shrink", BOOT_RACE.toString(), "--call", "15");
        assertFalse(Files.exists(store), "no store created");
        assertEquals(defaultStoreBefore, Files.exists(Path.of(".wskemu")), "no .wskemu directory appears");
    }
}
