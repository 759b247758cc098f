package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that read a store: {@code state}, {@code history}, {@code explain}, {@code audit},
 * {@code rebuild}, {@code verify}, on one directory store that holds the quickstart (run 1) and a
 * short run 2 whose CHECK is refused by a deny ACE.
 */
class StoreCommandsTest {

    /** Run 2: the deny ACE for user ...-1001 comes first, so B's context is refused. */
    static final List<String> DENY_RUN = List.of(
            "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
            "{\"op\":\"process\",\"pid\":1200,\"user\":\"S-1-5-21-1-2-3-1001\",\"groups\":[\"BU\"]}",
            "{\"op\":\"socket\",\"socket\":\"d\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4,"
                    + "\"sd\":\"D:(D;;GW;;;S-1-5-21-1-2-3-1001)(A;;GA;;;WD)\"}",
            "{\"op\":\"bind\",\"socket\":\"d\",\"address\":\"0.0.0.0:8080\",\"expect\":\"SUCCESS\"}",
            "{\"op\":\"socket\",\"socket\":\"e\",\"category\":\"listen\",\"family\":\"inet\",\"process\":1200}",
            "{\"op\":\"bind\",\"socket\":\"e\",\"address\":\"10.0.0.7:8080\",\"expect\":\"ACCESS_DENIED\"}");

    static final List<String> STATE_KEYS = List.of("socket", "run", "protocol", "family", "address", "option", "process",
            "boundAt");

    @TempDir
    static Path temp;

    /** The --store argument. */
    static String store;
    /** The store as messages name it (a PostgreSQL store without its credentials). */
    static String shown;
    /** The calls of run 1 (the quickstart) and run 2 by file line, as {@code run --json} reported them. */
    static Map<Integer, JsonNode> run1;
    static Map<Integer, JsonNode> run2;
    static long head;
    static String stateJson;
    static String auditJson;

    @BeforeAll
    static void runBoth() {
        runBothOn(temp.resolve("store").toString(), temp.resolve("store").toString());
    }

    /** Runs both sessions on {@code storeArgument} (a subclass runs the same tests on another kind of store). */
    static void runBothOn(String storeArgument, String storeShown) {
        store = storeArgument;
        shown = storeShown;
        run1 = byLine(Cli.ok("--store", store, "run", "--json", Cli.QUICKSTART.toString()));
        Path deny = Cli.session(temp.resolve("deny.wsk.jsonl"), DENY_RUN);
        run2 = byLine(Cli.ok("run", deny.toString(), "--json", "--store", store));
        // the last call's position, then the run's CallsRecorded (its lines and expectations, issue #13) and
        // its end (RunEnded, issue #26)
        head = run2.get(6).get("position").asLong() + 2;
        stateJson = Cli.ok("--store", store, "state", "--json").out();
        auditJson = Cli.ok("--store", store, "audit", "--json").out();
    }

    static long position(Map<Integer, JsonNode> run, int line) {
        return run.get(line).get("position").asLong();
    }

    @Nested
    class State {

        @Test
        void tableHasAHeaderAndOneRowPerLiveBinding() {
            List<String> lines = Cli.ok("--store", store, "state").outLines();
            assertEquals(List.of("SOCKET", "RUN", "PROTOCOL", "ADDRESS", "OPTION", "PROCESS", "BOUND AT"), cells(lines.get(0)));
            assertEquals(List.of(
                    List.of("a80", "1", "tcp", "0.0.0.0:80", "NONE", "4", Long.toString(position(run1, 22))),
                    List.of("b80", "1", "tcp", "10.0.0.5:80", "NONE", "1200", Long.toString(position(run1, 27))),
                    List.of("b443", "1", "tcp", "192.168.1.10:443", "NONE", "1200", Long.toString(position(run1, 35))),
                    List.of("c53", "1", "udp", "0.0.0.0:49152", "NONE", "1300", Long.toString(position(run1, 42))),
                    List.of("d", "2", "tcp", "0.0.0.0:8080", "NONE", "4", Long.toString(position(run2, 4)))),
                    lines.subList(1, lines.size()).stream().map(StoreCommandsTest::cells).toList());
        }

        @Test
        void jsonHasTheContractKeysPerLiveBinding() {
            List<JsonNode> rows = Cli.parseLines(stateJson);
            assertEquals(5, rows.size(), stateJson);
            rows.forEach(row -> assertEquals(STATE_KEYS, Cli.keys(row), row::toString));
            JsonNode a80 = rows.get(0);
            assertEquals("{\"socket\":\"a80\",\"run\":1,\"protocol\":\"tcp\",\"family\":\"inet\",\"address\":\"0.0.0.0:80\","
                    + "\"option\":\"NONE\",\"process\":4,\"boundAt\":" + position(run1, 22) + "}", a80.toString());
            JsonNode c53 = rows.get(3);
            assertEquals("udp", c53.get("protocol").asText());
            assertEquals("0.0.0.0:49152", c53.get("address").asText(), "the actual port, not 0");
            assertEquals(2, rows.get(4).get("run").asInt());
        }

        @Test
        void atTheExclusiveBindShowsIt() {
            long bound = position(run1, 12);
            JsonNode only = Cli.ok("--store", store, "state", "--json", "--at", Long.toString(bound)).single();
            assertEquals("{\"socket\":\"a443\",\"run\":1,\"protocol\":\"tcp\",\"family\":\"inet\",\"address\":\"0.0.0.0:443\","
                    + "\"option\":\"SO_EXCLUSIVEADDRUSE\",\"process\":4,\"boundAt\":" + bound + "}", only.toString());
        }

        @Test
        void atTheCloseTheClosedSocketIsGone() {
            List<String> sockets = Cli.ok("--store", store, "state", "--at", Long.toString(position(run1, 34)))
                    .outLines().stream().skip(1).map(l -> cells(l).get(0)).toList();
            assertEquals(List.of("a80", "b80"), sockets);
        }

        @Test
        void atZeroNothingIsBound() {
            assertEquals(List.of("no live bindings just after position 0 (store " + shown + ")"),
                    Cli.ok("--store", store, "state", "--at", "0").outLines());
        }
    }

    @Nested
    class History {

        @Test
        void listsEveryPositionOnceInOrder() {
            List<JsonNode> events = Cli.ok("--store", store, "history", "--json").json();
            assertEquals(LongStream.rangeClosed(1, head).boxed().toList(),
                    events.stream().map(e -> e.get("position").asLong()).toList());
            events.forEach(e -> assertEquals(List.of("position", "time", "type", "text", "event"),
                    Cli.keys(e).subList(0, 5), e::toString));
            assertEquals("RunStarted", events.get(0).get("type").asText());
            JsonNode bound = events.get((int) position(run1, 12) - 1);
            assertEquals("SocketBound", bound.get("type").asText());
            assertTrue(bound.get("text").asText().startsWith("socket a443 bound to 0.0.0.0:443 with SO_EXCLUSIVEADDRUSE"),
                    bound::toString);
            assertEquals("a443", bound.get("event").get("binding").get("label").asText(), bound::toString);
        }

        @Test
        void fromAndToBoundTheRangeInclusively() {
            long from = position(run1, 12) - 1;
            long to = position(run1, 13);
            List<String> lines = Cli.ok("--store", store, "history", "--from", Long.toString(from), "--to", Long.toString(to))
                    .outLines();
            assertEquals(LongStream.rangeClosed(from, to).boxed().toList(),
                    lines.stream().map(l -> Long.parseLong(l.strip().split("\\s+")[0])).toList());
            assertTrue(lines.get(1).matches(" *" + position(run1, 12) + "  SocketBound +socket a443 bound to .*"), lines.get(1));
            assertTrue(lines.get(2).matches(" *" + to + "  OptionRead +socket a443: SO_EXCLUSIVEADDRUSE read: 1"
                    + "  \\[run 1 line 13, recorded STATUS_SUCCESS, value 1\\]"), lines.get(2));
        }

        @Test
        void rangeBeyondTheHeadHasNoEvents() {
            assertEquals(List.of("no events in that range (store " + shown + ")"),
                    Cli.ok("--store", store, "history", "--from", Long.toString(head + 1)).outLines());
        }
    }

    @Nested
    class Explain {

        @Test
        void checkGrantedShowsTheCellTheTokenAndTheGrantingAce() {
            long position = position(run1, 27);
            List<String> lines = Cli.ok("--store", store, "explain", Long.toString(position)).outLines();
            assertEquals("position " + position + ": bind of socket b80 (run 1, process 1200) to 10.0.0.5:80", lines.get(0));
            assertEquals("profile: wsk; the socket's option: NONE", lines.get(1));
            assertEquals("  1. socket a80 (run 1), 0.0.0.0:80 with NONE", lines.get(3));
            assertEquals("     first NONE W then second NONE S -> CHECK (granted) -> STATUS_SUCCESS", lines.get(4));
            assertTrue(lines.get(5).endsWith("against O:SYD:(A;;GA;;;SY)(A;;GW;;;BU):"), lines.get(5));
            assertEquals("       token: S-1-5-21-1-2-3-1001, S-1-5-32-545", lines.get(6));
            assertEquals("       requested: 0x00000002", lines.get(7));
            assertEquals("       ACE 1 (A;;GW;;;BU): matches, allows 0x00000002 -> granted", lines.get(9));
            assertEquals("       result: GRANTED by ACE 1", lines.get(10));
            assertEquals("outcome: STATUS_SUCCESS (0x00000000) on 10.0.0.5:80: every overlapping binding allows sharing",
                    lines.get(11));
        }

        @Test
        void checkGrantedAsJson() {
            long position = position(run1, 27);
            JsonNode explained = Cli.ok("--store", store, "explain", Long.toString(position), "--json").single();
            assertEquals(List.of("position", "op", "socket", "run", "process", "requested", "address", "option", "profile",
                    "status", "code", "reason", "consulted", "setAside", "deciding", "line", "expected", "diverged", "emulator",
                    "refusedBy", "followsFrom"), Cli.keys(explained));
            assertEquals(position, explained.get("position").asLong());
            assertEquals("b80", explained.get("socket").asText());
            assertEquals("10.0.0.5:80", explained.get("address").asText());
            assertEquals("STATUS_SUCCESS", explained.get("status").asText());
            JsonNode consulted = explained.get("consulted").get(0);
            assertEquals("a80", consulted.get("socket").asText());
            assertEquals("CHECK", consulted.get("cell").asText());
            assertEquals("first NONE W then second NONE S -> CHECK (granted)", consulted.get("rule").asText());
            JsonNode check = consulted.get("accessCheck");
            assertEquals("[\"S-1-5-21-1-2-3-1001\",\"S-1-5-32-545\"]", check.get("tokenSids").toString());
            assertEquals("0x00000002", check.get("requested").asText());
            assertEquals(2, check.get("aces").size());
            assertEquals("ALLOW_ACES", check.get("decidedBy").asText());
            assertEquals(1, check.get("decidingAce").asInt());
            assertTrue(check.get("granted").asBoolean());
        }

        @Test
        void checkRefusedByADenyAceNamesIt() {
            long position = position(run2, 6);
            List<String> lines = Cli.ok("--store", store, "explain", Long.toString(position)).outLines();
            assertEquals("position " + position + ": bind of socket e (run 2, process 1200) to 10.0.0.7:8080", lines.get(0));
            assertEquals("     first NONE W then second NONE S -> CHECK (refused) -> STATUS_ACCESS_DENIED", lines.get(4));
            assertEquals("       token: S-1-5-21-1-2-3-1001, S-1-5-32-545", lines.get(6));
            assertEquals("       ACE 0 (D;;GW;;;S-1-5-21-1-2-3-1001): matches, denies 0x00000002 -> denied", lines.get(8));
            assertEquals("       result: DENIED by ACE 0", lines.get(9));
            assertTrue(lines.get(10).startsWith("outcome: STATUS_ACCESS_DENIED (0xC0000022): "), lines.get(10));

            JsonNode check = Cli.ok("--store", store, "explain", "--json", Long.toString(position)).single()
                    .get("consulted").get(0).get("accessCheck");
            assertEquals("DENY_ACE", check.get("decidedBy").asText());
            assertEquals(0, check.get("decidingAce").asInt());
            assertFalse(check.get("granted").asBoolean());
        }

        @Test
        void tableCellWithoutCheckHasNoAccessCheck() {
            long position = position(run1, 18);
            List<String> lines = Cli.ok("--store", store, "explain", Long.toString(position)).outLines();
            assertEquals(List.of(
                    "position " + position + ": bind of socket b443 (run 1, process 1200) to 192.168.1.10:443",
                    "profile: wsk; the socket's option: NONE",
                    "overlapping bindings, in bind order:",
                    "  1. socket a443 (run 1), 0.0.0.0:443 with SO_EXCLUSIVEADDRUSE",
                    "     first EXCL W then second NONE S -> DENIED -> STATUS_ACCESS_DENIED",
                    "outcome: STATUS_ACCESS_DENIED (0xC0000022): first EXCL W then second NONE S -> DENIED: "
                            + "192.168.1.10:443 is held by socket a443 of run 1 (0.0.0.0:443)",
                    // issue #13: what the run recorded with the call, and where the refusing binding was bound
                    "recorded: run 1, line 18, STATUS_ACCESS_DENIED",
                    "refused by: socket a443 (run 1), bound at position " + position(run1, 12)
                            + " (line 12): STATUS_ACCESS_DENIED"), lines);
        }
    }

    @Nested
    class Audit {

        static final List<String> COLUMNS = List.of("position", "socket", "run", "process", "requested", "address", "option",
                "profile", "status", "code", "cell", "decidingSocket", "reason", "ace", "line", "expected", "diverged");

        @Test
        void jsonHasOneObjectPerBindDecisionWithItsKeys() {
            List<JsonNode> rows = Cli.parseLines(auditJson);
            assertEquals(List.of(position(run1, 12), position(run1, 18), position(run1, 22), position(run1, 27),
                            position(run1, 31), position(run1, 35), position(run1, 42), position(run2, 4), position(run2, 6)),
                    rows.stream().map(r -> r.get("position").asLong()).toList());
            rows.forEach(r -> assertEquals(COLUMNS, Cli.keys(r), r::toString));
            JsonNode c80 = rows.get(4);
            assertEquals("c80", c80.get("socket").asText());
            assertTrue(c80.get("address").isNull());
            assertEquals("first NONE W then second NONE S -> CHECK (refused)", c80.get("cell").asText());
            assertEquals("a80", c80.get("decidingSocket").asText());
            assertEquals("0.0.0.0:0", rows.get(6).get("requested").asText());
            assertEquals("0.0.0.0:49152", rows.get(6).get("address").asText());
        }

        @Test
        void tableHasAHeaderAndOneRowPerDecision() {
            List<String> lines = Cli.ok("--store", store, "audit").outLines();
            assertEquals(List.of("POSITION", "SOCKET", "RUN", "PROCESS", "REQUESTED", "ADDRESS", "OPTION", "PROFILE", "STATUS",
                    "CELL", "ACE"), cells(lines.get(0)));
            assertEquals(10, lines.size());
            assertEquals(List.of(Long.toString(position(run1, 18)), "b443", "1", "1200", "192.168.1.10:443", "-", "NONE", "wsk",
                    "STATUS_ACCESS_DENIED", "first EXCL W then second NONE S -> DENIED", "-"), cells(lines.get(2)));
        }

        @Test
        void statusFilterTakesANameWithOrWithoutPrefixOrHex() {
            List<Long> denied = List.of(position(run1, 18), position(run1, 31), position(run2, 6));
            assertEquals(denied, positions("--status", "ACCESS_DENIED"));
            assertEquals(denied, positions("--status", "0xC0000022"));
        }

        @Test
        void processAndPortFiltersCombine() {
            assertEquals(List.of(position(run1, 31), position(run1, 42)), positions("--process", "1300"));
            assertEquals(List.of(position(run1, 12), position(run1, 18), position(run1, 35)), positions("--port", "443"));
            assertEquals(List.of(position(run1, 31)),
                    positions("--port", "80", "--process", "1300", "--status", "STATUS_ACCESS_DENIED"));
        }

        @Test
        void noMatchSaysSoInTheTableAndPrintsNothingAsJson() {
            assertEquals(List.of("no bind decisions match (store " + shown + ")"),
                    Cli.ok("--store", store, "audit", "--port", "7").outLines());
            assertEquals("", Cli.ok("--store", store, "audit", "--port", "7", "--json").out());
        }

        @Test
        void csvHasAHeaderThenOneLinePerDecision() {
            List<String> lines = Cli.ok("--store", store, "audit", "--csv").outLines();
            assertEquals(String.join(",", COLUMNS), lines.get(0));
            assertEquals(10, lines.size());
            List<JsonNode> json = Cli.parseLines(auditJson);
            for (int i = 1; i < lines.size(); i++) {
                String[] fields = lines.get(i).split(",", -1);
                assertEquals(COLUMNS.size(), fields.length, lines.get(i));
                JsonNode row = json.get(i - 1);
                assertEquals(row.get("position").asText(), fields[0]);
                assertEquals(row.get("socket").asText(), fields[1]);
                assertEquals(row.get("address").isNull() ? "" : row.get("address").asText(), fields[5]);
                assertEquals(row.get("code").asText(), fields[9]);
                assertEquals(row.get("reason").asText(), fields[12]);
            }
        }

        private List<Long> positions(String... filters) {
            String[] args = new String[filters.length + 4];
            args[0] = "--store";
            args[1] = store;
            args[2] = "audit";
            args[3] = "--json";
            System.arraycopy(filters, 0, args, 4, filters.length);
            return Cli.ok(args).json().stream().map(r -> r.get("position").asLong()).toList();
        }
    }

    @Test
    void rebuildReportsTheCountsAndChangesNoAnswer() {
        Cli.Result rebuilt = Cli.ok("--store", store, "rebuild");
        assertEquals(List.of("rebuilt the read models up to position " + head
                + ": 8 sockets, 5 live bindings, 9 decisions, 1 warnings"), rebuilt.outLines());
        assertEquals(stateJson, Cli.ok("--store", store, "state", "--json").out());
        assertEquals(auditJson, Cli.ok("--store", store, "audit", "--json").out());
    }

    @Test
    void verifyRederivesEveryDecisionOfAGoodStore() {
        Cli.Result verified = Cli.ok("--store", store, "verify");
        List<String> lines = verified.outLines();
        assertEquals(2, lines.size(), verified::toString);
        assertTrue(lines.get(1).matches("checked " + head + " event digests: the chain holds; head digest [0-9a-f]{64}"),
                lines.get(1));
        assertTrue(lines.get(0).matches("verified \\d+ bind decisions in " + head + " events of store "
                        + java.util.regex.Pattern.quote(shownStore()) + ": every decision re-derives"),
                lines.get(0));
    }

    /** The store as wskemu names it: a directory's absolute path, a PostgreSQL URL without its query. */
    private String shownStore() {
        return store.startsWith("postgresql://") ? store.replaceFirst("\\?.*$", "")
                : Path.of(store).toAbsolutePath().normalize().toString();
    }

    /** A table row's cells: columns are separated by two or more spaces. */
    static List<String> cells(String line) {
        return Arrays.asList(line.strip().split(" {2,}"));
    }

    private static Map<Integer, JsonNode> byLine(Cli.Result result) {
        return result.json().stream().filter(n -> n.has("line"))
                .collect(Collectors.toMap(n -> n.get("line").asInt(), Function.identity()));
    }
}
