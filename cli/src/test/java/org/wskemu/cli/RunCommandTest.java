package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wskemu run FILE [--json]}: one line per call line in file order, a summary, exit 0 or 1. */
class RunCommandTest {

    /** A session whose every expectation holds; line numbers count the comment on line 1. */
    static final List<String> SESSION = List.of(
            "# the contract's run --json line, and what binds and gets add to it",
            "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
            "{\"op\":\"process\",\"pid\":700,\"user\":\"S-1-5-21-1-2-3-1001\",\"groups\":[\"BU\"]}",
            "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4,\"sd\":\"D:(A;;GA;;;SY)\"}",
            "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\",\"expect\":\"STATUS_SUCCESS\"}",
            "{\"op\":\"set\",\"socket\":\"a\",\"option\":\"SO_EXCLUSIVEADDRUSE\",\"value\":1}",
            "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\",\"process\":700}",
            "{\"op\":\"bind\",\"socket\":\"b\",\"address\":\"10.0.0.5:80\",\"expect\":\"ACCESS_DENIED\"}",
            "{\"op\":\"get\",\"socket\":\"a\",\"option\":\"SO_EXCLUSIVEADDRUSE\",\"expectValue\":1,\"expect\":\"0x00000000\"}",
            "{\"op\":\"get\",\"socket\":\"a\",\"option\":\"SO_WSK_SECURITY\",\"expectValue\":\"D:(A;;GA;;;SY)\"}",
            "{\"op\":\"close\",\"socket\":\"a\",\"expect\":\"SUCCESS\"}",
            "{\"op\":\"socket\",\"socket\":\"e\",\"category\":\"datagram\",\"family\":\"inet6\",\"process\":700}",
            "{\"op\":\"bind\",\"socket\":\"e\",\"address\":\"[::1]:0\"}");

    static final List<String> CALL_KEYS = List.of("line", "op", "socket", "status", "code", "position", "expected", "match",
            "diverged");

    @TempDir
    static Path temp;

    static Path file;

    @BeforeAll
    static void writeSession() {
        file = Cli.session(temp.resolve("run.wsk.jsonl"), SESSION);
    }

    @Nested
    class Json {

        static Cli.Result result;
        static Map<Integer, JsonNode> byLine;

        @BeforeAll
        static void runOnce() {
            result = Cli.ok("--store", "mem", "run", file.toString(), "--json");
            List<JsonNode> nodes = result.json();
            byLine = nodes.subList(0, nodes.size() - 1).stream()
                    .collect(Collectors.toMap(n -> n.get("line").asInt(), Function.identity()));
        }

        @Test
        void printsOneObjectPerCallLineInFileOrderThenTheSummary() {
            List<JsonNode> nodes = result.json();
            assertEquals(13, nodes.size(), result::toString);
            assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13),
                    nodes.subList(0, 12).stream().map(n -> n.get("line").asInt()).toList());
            assertEquals("{\"summary\":{\"calls\":12,\"expectations\":5,\"divergences\":0}}", result.outLines().get(12));
        }

        @Test
        void bindLineHasEveryKeyOfTheContractThenTheAddress() {
            JsonNode bind = byLine.get(5);
            assertEquals(concat(CALL_KEYS, "address"), Cli.keys(bind));
            assertEquals("bind", bind.get("op").asText());
            assertEquals("a", bind.get("socket").asText());
            assertEquals("STATUS_SUCCESS", bind.get("status").asText());
            assertEquals("0x00000000", bind.get("code").asText());
            assertTrue(bind.get("position").isIntegralNumber() && bind.get("position").asLong() > 0, bind::toString);
            assertEquals("STATUS_SUCCESS", bind.get("expected").asText());
            assertTrue(bind.get("match").isBoolean() && bind.get("match").asBoolean());
            assertEquals("0.0.0.0:80", bind.get("address").asText());
        }

        @Test
        void refusedBindNamesTheStatusItsCodeAndTheFullNameOfAnAbbreviatedExpectation() {
            JsonNode bind = byLine.get(8);
            assertEquals("STATUS_ACCESS_DENIED", bind.get("status").asText());
            assertEquals("0xC0000022", bind.get("code").asText());
            assertEquals("STATUS_ACCESS_DENIED", bind.get("expected").asText());
            assertTrue(bind.get("match").asBoolean());
            assertEquals("10.0.0.5:80", bind.get("address").asText());
        }

        @Test
        void bindToPortZeroReportsTheActualPort() {
            assertEquals("[::1]:49152", byLine.get(13).get("address").asText());
        }

        @Test
        void getOfASharingOptionAddsValue() {
            JsonNode get = byLine.get(9);
            assertEquals(concat(CALL_KEYS, "expectedValue", "value"), Cli.keys(get));
            assertEquals(1, get.get("value").asInt());
            assertEquals(1, get.get("expectedValue").asInt(), "the recorded value, beside the one read");
            assertEquals("STATUS_SUCCESS", get.get("expected").asText(), "a hex expectation is printed by name");
        }

        @Test
        void getOfTheDescriptorAddsSd() {
            JsonNode get = byLine.get(10);
            assertEquals(concat(CALL_KEYS, "expectedSd", "sd"), Cli.keys(get));
            assertEquals("D:(A;;GA;;;SY)", get.get("sd").asText());
        }

        @Test
        void callWithoutExpectationHasNullExpectedAndMatches() {
            JsonNode set = byLine.get(6);
            assertEquals(CALL_KEYS, Cli.keys(set));
            assertTrue(set.get("expected").isNull());
            assertTrue(set.get("match").asBoolean());
        }

        @Test
        void declarationsHaveEveryKeyWithANullSocket() {
            JsonNode process = byLine.get(2);
            assertEquals(CALL_KEYS, Cli.keys(process));
            assertEquals("process", process.get("op").asText());
            assertTrue(process.get("socket").isNull());
        }

        @Test
        void everyCallLineHasEveryKeyOfTheContractLine() {
            result.json().stream().filter(n -> n.has("line"))
                    .forEach(n -> assertEquals(CALL_KEYS, Cli.keys(n).subList(0, CALL_KEYS.size()), n::toString));
        }

        @Test
        void positionsArePositiveAndIncreaseInFileOrder() {
            List<Long> positions = byLine.values().stream().sorted((x, y) -> x.get("line").asInt() - y.get("line").asInt())
                    .map(n -> n.get("position").asLong()).toList();
            for (int i = 1; i < positions.size(); i++) {
                assertTrue(positions.get(i) > positions.get(i - 1), positions::toString);
            }
            assertTrue(positions.get(0) > 0);
        }
    }

    @Nested
    class Human {

        @Test
        void printsOneLinePerCallThenTheRunSummary() {
            Cli.Result result = Cli.ok("--store", "mem", "run", file.toString());
            List<String> lines = result.outLines();
            assertEquals(13, lines.size(), result::toString);
            assertTrue(lines.get(3).matches(" +5  bind +a +STATUS_SUCCESS \\(0x00000000\\) +@\\d+  0\\.0\\.0\\.0:80"), lines.get(3));
            assertTrue(lines.get(6).matches(" +8  bind +b +STATUS_ACCESS_DENIED \\(0xC0000022\\) +@\\d+"), lines.get(6));
            assertTrue(lines.get(7).matches(" +9  get +a .* value 1"), lines.get(7));
            assertTrue(lines.get(8).matches(" +10  get +a .* sd D:\\(A;;GA;;;SY\\)"), lines.get(8));
            assertTrue(lines.get(11).endsWith("  [::1]:49152"), lines.get(11));
            assertEquals("run 1: 12 calls, 5 expectations, 0 divergences", lines.get(12));
            assertFalse(result.out().contains("DIVERGENCE"));
        }

        @Test
        void storeAfterTheCommandIsTheSameOption() {
            Cli.Result result = Cli.ok("run", file.toString(), "--store", "mem");
            assertEquals("run 1: 12 calls, 5 expectations, 0 divergences", result.outLines().get(12));
        }
    }

    @Nested
    class Divergence {

        static Path diverging;

        @BeforeAll
        static void writeDivergingSession() {
            diverging = Cli.session(temp.resolve("diverging.wsk.jsonl"), List.of(
                    "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                    "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                    "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                    "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\",\"expect\":\"SUCCESS\"}",
                    "{\"op\":\"bind\",\"socket\":\"b\",\"address\":\"0.0.0.0:80\",\"expect\":\"SUCCESS\"}",
                    "{\"op\":\"get\",\"socket\":\"a\",\"option\":\"SO_REUSEADDR\",\"expectValue\":1}"));
        }

        @Test
        void recordedExpectationThatDivergesExitsOneAndSaysDivergence() {
            Cli.Result result = Cli.run("--store", "mem", "run", diverging.toString());
            assertEquals(1, result.exit(), result::toString);
            assertEquals("", result.err());
            List<String> lines = result.outLines();
            assertTrue(lines.get(4).matches(" +5  bind +b +STATUS_ADDRESS_ALREADY_EXISTS \\(0xC000020A\\) +@\\d+"
                    + "  DIVERGENCE: recorded STATUS_SUCCESS"), lines.get(4));
            assertTrue(lines.get(5).contains("value 0  DIVERGENCE"), lines.get(5));
            assertFalse(lines.get(3).contains("DIVERGENCE"), lines.get(3));
            assertTrue(lines.get(6).matches("run 1: 6 calls, 3 expectations, 2 divergences; first divergence at line 5 "
                    + "\\(position \\d+\\)"), lines.get(6));
        }

        @Test
        void jsonMarksTheDivergingCallsAndCountsThem() {
            Cli.Result result = Cli.run("--store", "mem", "run", "--json", diverging.toString());
            assertEquals(1, result.exit(), result::toString);
            List<JsonNode> nodes = result.json();
            assertTrue(nodes.get(3).get("match").asBoolean());
            JsonNode bind = nodes.get(4);
            assertFalse(bind.get("match").asBoolean());
            assertEquals("STATUS_ADDRESS_ALREADY_EXISTS", bind.get("status").asText());
            assertEquals("STATUS_SUCCESS", bind.get("expected").asText());
            assertFalse(nodes.get(5).get("match").asBoolean());
            assertEquals(0, nodes.get(5).get("value").asInt());
            assertTrue(bind.get("diverged").asBoolean(), "diverged says what match does, in every command's words");
            assertFalse(nodes.get(3).get("diverged").asBoolean());
            assertEquals("{\"summary\":{\"calls\":6,\"expectations\":3,\"divergences\":2,\"firstDivergence\":5,"
                    + "\"firstDivergencePosition\":" + bind.get("position").asLong() + "}}", result.outLines().get(6));
        }
    }

    @Test
    void oneStoreIsOneMachineSoASecondRunFindsTheFirstRunsSocketsStillBound() {
        String store = temp.resolve("machine").toString();
        Cli.Result first = Cli.ok("--store", store, "run", "--json", Cli.QUICKSTART.toString());
        Cli.Result second = Cli.run("--store", store, "run", "--json", Cli.QUICKSTART.toString());

        assertEquals(1, second.exit(), second::toString);
        Map<Integer, JsonNode> firstByLine = byLine(first);
        Map<Integer, JsonNode> secondByLine = byLine(second);
        JsonNode bind = secondByLine.get(12);
        assertEquals("STATUS_ADDRESS_ALREADY_EXISTS", bind.get("status").asText(),
                "run 1's b443 still holds 192.168.1.10:443: first NONE S then second EXCL W -> INUSE");
        assertFalse(bind.get("match").asBoolean());
        assertTrue(secondByLine.get(5).get("position").asLong() > firstByLine.get(42).get("position").asLong());
        assertEquals("0.0.0.0:49152", firstByLine.get(42).get("address").asText());
        assertEquals("0.0.0.0:49153", secondByLine.get(42).get("address").asText(), "run 1's c53 still holds 49152");
        assertTrue(second.outLines().get(second.outLines().size() - 1).matches(
                "\\{\"summary\":\\{\"calls\":20,\"expectations\":11,\"divergences\":[1-9]\\d*,\"firstDivergence\":\\d+,\"firstDivergencePosition\":\\d+}}"), second::toString);
    }

    private static Map<Integer, JsonNode> byLine(Cli.Result result) {
        return result.json().stream().filter(n -> n.has("line"))
                .collect(Collectors.toMap(n -> n.get("line").asInt(), Function.identity()));
    }

    @Test
    void profileBeforeOrAfterTheCommandDecidesTheBinds() {
        for (String[] args : new String[][] {
                {"--store", "mem", "--profile", "win32-legacy", "run", "--json", Cli.QUICKSTART.toString()},
                {"--store", "mem", "run", "--json", Cli.QUICKSTART.toString(), "--profile", "win32-legacy"}}) {
            Cli.Result result = Cli.run(args);

            assertEquals(1, result.exit(), result::toString);
            // win32-legacy has no CHECK cells: first NONE W then second NONE S -> INUSE, SHARING_VIOLATION under
            // win32-legacy since issue #12 (it was ADDRESS_ALREADY_EXISTS)
            assertEquals("STATUS_SHARING_VIOLATION", byLine(result).get(27).get("status").asText(), result::toString);
        }
    }

    @Test
    void batchBelowOneIsAUsageError() {
        Cli.assertOneLineError(2, Cli.run("--store", "mem", "run", "--batch", "0", file.toString()));
    }

    @Test
    void missingFileIsBadInputNamingTheFile() {
        Path missing = temp.resolve("missing.wsk.jsonl");
        Cli.Result result = Cli.run("--store", "mem", "run", missing.toString());
        Cli.assertOneLineError(2, result);
        assertEquals(missing + ": cannot read: no such file", result.errLines().get(0));
    }

    private static List<String> concat(List<String> keys, String... more) {
        List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(List.of(more));
        return all;
    }

    /** Issue #26: empty input is refused, not recorded as a run of 0 calls. */
    @Test
    void anEmptySessionIsRefusedAndNothingIsRecorded(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        Cli.Result piped = Cli.runWithInput(new byte[0], "--store", store.toString(), "run", "-");
        Cli.assertOneLineError(2, piped);
        assertEquals("wskemu: -: no call to run (the session is empty); nothing recorded", piped.err().strip(), piped::toString);
        assertFalse(java.nio.file.Files.exists(store), "nothing is created");

        Path comments = Cli.session(dir.resolve("comments.wsk.jsonl"), List.of("# only a comment", ""));
        Cli.ok("--store", store.toString(), "run", Cli.QUICKSTART.toString());
        Cli.assertOneLineError(2, Cli.run("--store", store.toString(), "run", comments.toString()));
        assertEquals(1, Cli.ok("--store", store.toString(), "history", "--runs", "--json").json().size(),
                "the empty session made no run");
    }
}
