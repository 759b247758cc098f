package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code state --at P}, for every position P that {@code run --json} reports for a call of the
 * quickstart, equals {@code state} of a fresh store that ran the quickstart up to that call.
 */
class StateAtTest {

    @TempDir
    static Path temp;

    static String store;
    static List<String> quickstart;
    static List<JsonNode> calls;

    @BeforeAll
    static void runQuickstart() {
        store = temp.resolve("full").toString();
        quickstart = Cli.lines(Cli.QUICKSTART);
        List<JsonNode> nodes = Cli.ok("--store", store, "run", "--json", Cli.QUICKSTART.toString()).json();
        calls = nodes.subList(0, nodes.size() - 1);
    }

    static Stream<Arguments> callPositions() {
        return calls.stream().map(c -> Arguments.of(c.get("position").asLong(), c.get("line").asInt(), c.get("op").asText()));
    }

    @ParameterizedTest(name = "state --at {0} (after line {1}, {2})")
    @MethodSource("callPositions")
    void equalsTheStateOfAStoreThatRanTheSameCalls(long position, int line, String op) {
        Path truncated = Cli.session(temp.resolve("upto-" + line + ".wsk.jsonl"), quickstart.subList(0, line));
        String fresh = temp.resolve("upto-" + line).toString();
        Cli.ok("--store", fresh, "run", truncated.toString());

        String expected = Cli.ok("--store", fresh, "state", "--json").out();
        String actual = Cli.ok("--store", store, "state", "--json", "--at", Long.toString(position)).out();

        assertEquals(expected, actual);
    }
}
