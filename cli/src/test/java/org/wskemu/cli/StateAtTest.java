package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code state --at P}, for every position P that {@code run --json} reports for a call of the
 * quickstart, equals {@code state} of a fresh store that ran the quickstart up to that call; at the
 * positions between, it is the state before or after the call being recorded.
 */
class StateAtTest {

    @TempDir
    static Path temp;

    static String store;
    static List<String> quickstart;
    static List<JsonNode> calls;
    static long head;
    private static final Map<Long, String> STATE_AT = new ConcurrentHashMap<>();

    @BeforeAll
    static void runQuickstart() {
        store = temp.resolve("full").toString();
        quickstart = Cli.lines(Cli.QUICKSTART);
        List<JsonNode> nodes = Cli.ok("--store", store, "run", "--json", Cli.QUICKSTART.toString()).json();
        calls = nodes.subList(0, nodes.size() - 1);
        head = calls.get(calls.size() - 1).get("position").asLong();
    }

    static Stream<Arguments> callPositions() {
        return calls.stream().map(c -> Arguments.of(c.get("position").asLong(), c.get("line").asInt(), c.get("op").asText()));
    }

    static Stream<Long> positionsBetweenCalls() {
        Set<Long> reported = calls.stream().map(c -> c.get("position").asLong()).collect(Collectors.toSet());
        return LongStream.rangeClosed(1, head).boxed().filter(p -> !reported.contains(p));
    }

    @ParameterizedTest(name = "state --at {0} (after line {1}, {2})")
    @MethodSource("callPositions")
    void equalsTheStateOfAStoreThatRanTheSameCalls(long position, int line, String op) {
        Path truncated = Cli.session(temp.resolve("upto-" + line + ".wsk.jsonl"), quickstart.subList(0, line));
        String fresh = temp.resolve("upto-" + line).toString();
        Cli.ok("--store", fresh, "run", truncated.toString());

        String expected = Cli.ok("--store", fresh, "state", "--json").out();

        assertEquals(expected, stateAt(position));
    }

    @ParameterizedTest(name = "state --at {0}")
    @MethodSource("positionsBetweenCalls")
    void betweenTheReportedPositionsIsTheStateBeforeOrAfterTheCall(long position) {
        long before = calls.stream().mapToLong(c -> c.get("position").asLong()).filter(p -> p < position).max().orElse(0);
        long after = calls.stream().mapToLong(c -> c.get("position").asLong()).filter(p -> p > position).min().orElseThrow();

        String state = stateAt(position);

        assertTrue(state.equals(stateAt(before)) || state.equals(stateAt(after)),
                () -> "at " + position + ":\n" + state + "before, at " + before + ":\n" + stateAt(before)
                        + "after, at " + after + ":\n" + stateAt(after));
    }

    /** {@code state --json --at P} of the full store, asked once per position. */
    private static String stateAt(long position) {
        return STATE_AT.computeIfAbsent(position,
                p -> Cli.ok("--store", store, "state", "--json", "--at", Long.toString(p)).out());
    }
}
