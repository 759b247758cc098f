package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exit status 2 for bad usage: one line on stderr, no stack trace, nothing on stdout, nothing written. */
class UsageErrorTest {

    @TempDir
    static Path temp;

    /** A store holding the quickstart. */
    static String store;
    static long head;
    static long socketCreated;

    @BeforeAll
    static void runQuickstart() {
        store = temp.resolve("store").toString();
        List<JsonNode> calls = Cli.ok("--store", store, "run", "--json", Cli.QUICKSTART.toString()).json();
        socketCreated = calls.stream().filter(n -> "socket".equals(n.path("op").asText())).findFirst()
                .orElseThrow().get("position").asLong();
        List<JsonNode> events = Cli.ok("--store", store, "history", "--json").json();
        head = events.get(events.size() - 1).get("position").asLong();
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                row("unknown option", "Unknown option: '--nope' (try 'wskemu --help')", "--nope"),
                row("unknown option of a command", "Unknown option: '--nope' (try 'wskemu run --help')",
                        "run", "--nope", "x.wsk.jsonl"),
                row("unknown command", "Unmatched argument at index 2: 'nonsense' (did you mean: bench? try 'wskemu --help')", "nonsense"),
                row("unknown profile before the command", "Invalid value for option '--profile': unknown profile 'nope' "
                        + "(expected wsk, win32 or win32-legacy) (try 'wskemu --help')", "--profile", "nope", "matrix"),
                row("unknown profile after the command", "Invalid value for option '--profile': unknown profile 'nope' "
                        + "(expected wsk, win32 or win32-legacy) (try 'wskemu state --help')", "state", "--profile", "nope"),
                row("missing file", "Missing required parameter: 'FILE' (try 'wskemu run --help')", "run"),
                row("missing position", "Missing required parameter: 'POSITION' (try 'wskemu explain --help')", "explain"),
                row("position not a number", null, "explain", "abc"),
                row("--at not a number", null, "state", "--at", "x"),
                row("--at negative", "--at must be a position (0 or more), was -1", "state", "--at", "-1"),
                row("--from after --to", "--from 5 is after --to 2", "history", "--from", "5", "--to", "2"),
                row("--port not a number", null, "audit", "--port", "x"),
                row("--json with --csv", null, "audit", "--json", "--csv"),
                row("unknown status", "--status: unknown status 'FOO'", "audit", "--status", "FOO"),
                row("explain position 0", "positions start at 1, was 0", "explain", "0"),
                row("--batch 0", "--batch must be at least 1", "run", "--batch", "0", "x.wsk.jsonl"),
                row("--store without a value", null, "state", "--store"));
    }

    private static Arguments row(String name, String message, String... args) {
        return Arguments.of(name, message, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void isOneLineOnStderrWithExitTwoAndTouchesNoStore(String name, String message, String[] args) {
        Path untouched = temp.resolve("untouched");
        List<String> all = new ArrayList<>(List.of("--store", untouched.toString()));
        all.addAll(List.of(args));

        Cli.Result result = Cli.run(all.toArray(String[]::new));

        Cli.assertOneLineError(2, result);
        assertTrue(result.err().startsWith("wskemu: "), result::toString);
        if (message != null) {
            assertEquals("wskemu: " + message, result.errLines().get(0));
        }
        assertFalse(Files.exists(untouched), "a usage error created the store");
    }

    /** SESSION-FORMAT.md: explain accepts the position reported for any call, not only a bind's. */
    @Test
    void explainOfACallThatIsNoBindDecisionSaysWhatItRecords() {
        Cli.Result result = Cli.run("--store", store, "explain", Long.toString(socketCreated));
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.out().startsWith("position " + socketCreated + ": socket on socket a443"), result::toString);
        assertTrue(result.out().contains("outcome: STATUS_SUCCESS (0x00000000)"), result::toString);
        assertEquals("", result.err());
        assertNothingWritten();
    }

    @Test
    void explainBeyondTheHeadIsAUsageError() {
        Cli.Result result = Cli.run("--store", store, "explain", Long.toString(head + 1));
        Cli.assertOneLineError(2, result);
        assertEquals("wskemu: no event at position " + (head + 1) + " (store " + store + ")", result.errLines().get(0));
    }

    @Test
    void stateAtBeyondTheHeadIsAUsageError() {
        Cli.Result result = Cli.run("state", "--at", Long.toString(head + 1), "--store", store);
        Cli.assertOneLineError(2, result);
        assertEquals("wskemu: position " + (head + 1) + " is beyond the last recorded position " + head,
                result.errLines().get(0));
        assertNothingWritten();
    }

    @Test
    void stateAtTheHeadIsTheStateNow() {
        assertEquals(Cli.ok("--store", store, "state", "--json").out(),
                Cli.ok("--store", store, "state", "--json", "--at", Long.toString(head)).out());
    }

    private static void assertNothingWritten() {
        List<JsonNode> events = Cli.ok("--store", store, "history", "--json").json();
        assertEquals(head, events.get(events.size() - 1).get("position").asLong());
        assertEquals(head, events.size(), "positions 1 to the head, none added");
    }
}
