package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.bench.BenchOptions;
import picocli.CommandLine;

/**
 * {@code wskemu bench --quick} runs end to end and prints every figure and ratio. Only that: the
 * figures themselves are measured by the bench, never asserted here.
 */
@Tag("bench")
class BenchCommandIT {

    /** Every key of the JSON object, by section. */
    static final Map<String, List<String>> KEYS = new LinkedHashMap<>();
    static final boolean CHROMIUM = Chromium.binary().isPresent();

    static {
        KEYS.put("run", List.of("date", "cores", "java", "maxHeapMiB", "calls", "seed", "rounds", "store", "profile",
                "quick", "seconds"));
        KEYS.put("replay", List.of("calls", "events", "eventsPerCall", "batch", "callsPerSecond", "eventsPerSecond",
                "memCallsPerSecond", "memEventsPerSecond", "memMicrosPerCall",
                "memCpuMicrosPerCall"));
        KEYS.put("plainModel", List.of("calls", "callsPerSecond", "microsPerCall", "cpuMicrosPerCall"));
        KEYS.put("appendLimit", List.of("rows", "rowsPerCommit", "payloadBytes", "metaDataBytes", "rowsPerSecond",
                "memRowsPerSecond"));
        KEYS.put("rebuild", List.of("events", "eventsPerSecond", "plainReadRowsPerSecond",
                "plainReadAfterRebuildRowsPerSecond", "chainCheckEventsPerSecond"));
        KEYS.put("seek", List.of("smallStoreEvents", "smallStoreP50Millis", "events", "calls", "batch", "buildSeconds",
                "buildEventsPerSecond", "catchUpSeconds", "catchUpMillis", "firstSeekMillis", "storeBytes", "samples", "p50Millis",
                "p99Millis", "currentP50Millis", "currentP99Millis", "stepP50Millis", "stepP99Millis", "stepBackP50Millis",
                "stepBackP99Millis", "firstQueryMillis"));
        KEYS.put("crowdedPort", List.of("decisionsPerRound", "rounds", "nsPerDecision10", "nsPerDecision1000",
                "nsPerDecision10000"));
        KEYS.put("explore", List.of("smallNaiveOrders", "smallOrdersRun", "smallOutcomes", "smallComplete", "smallSeconds",
                "largeMaxOrders", "largeNaiveOrders", "largeOrdersRun", "largeOutcomes", "largeComplete", "largeSeconds", "largeMicrosPerOrder"));
        // the report's load is measured where a Chromium is installed (as the browser test runs)
        KEYS.put("report", CHROMIUM ? List.of("runs", "calls", "decisions", "pageBytes", "writeMillis", "loadMillis",
                "blankLoadMillis", "loadBeyondBlankMillis") : List.of("runs", "calls", "decisions", "pageBytes", "writeMillis"));
        KEYS.put("startup", List.of("runs", "storeEvents", "stateMillis", "versionMillis"));
        KEYS.put("ratios", List.of("replayToAppendLimit", "replayMemToAppendLimitMem", "replayMemToPlainModel",
                "replayMemCpuToPlainModelCpu", "rebuildToPlainRead",
                "seekToCurrent", "seekLongToShortLog", "crowdedPort10000To10", "exploreSmallNaiveToRun", "startupStateToVersion"));
        KEYS.put("targets", new ArrayList<>(List.of("replay", "memCpuPerCall", "rebuild", "seekP50", "debugStepP50", "seekIndependentOfLength",
                "crowdedPort", "exploreSmall", "exploreLarge")));
        KEYS.get("targets").add("reportPageBytes");
        if (CHROMIUM) {
            KEYS.get("targets").add("reportLoad");
        }
        KEYS.get("targets").addAll(List.of("startup", "startupToVersion", "firstQuery", "memory", "disk"));
        KEYS.put("disk", List.of("events", "bytesPerEventAfterRun", "bytesPerEventAfterRebuild", "crashKilledMidRun",
                "crashEvents", "bytesPerEventAfterCrash"));
        KEYS.put("memory", List.of("childHeap", "childCalls", "childPassed", "childPeakHeapMiB", "childSeconds",
                "childStreamed", "childFileBytes", "childCallsPerSecond", "childLiveHeapMiB"));
        KEYS.put("lanes", List.of("calls", "lanes1CallsPerSecond", "lanes2CallsPerSecond", "lanes4CallsPerSecond",
                "lanes2To1", "lanes4To1"));
    }

    static final List<String> TEXT_KEYS = List.of("run.date", "run.java", "run.store", "run.profile", "run.quick",
            "explore.smallComplete", "explore.largeComplete", "disk.crashKilledMidRun", "memory.childHeap", "memory.childPassed", "memory.childStreamed");

    @TempDir
    static Path scratchParent;

    static Result json;
    static Result human;

    record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void runTheBenchTwice() {
        json = run("--store", scratchParent.toString(), "bench", "--quick", "--json");
        human = run("bench", "--quick", "--store", "mem", "--seed", "3");
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Wskemu.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void jsonIsOneObjectWithEveryFigureRatioAndTarget() throws IOException {
        assertEquals(0, json.exit(), json.err());
        String[] lines = json.out().strip().split("\n");
        assertEquals(1, lines.length, "one JSON object on one line");
        JsonNode root = new ObjectMapper().readTree(lines[0]);
        List<String> sections = new ArrayList<>();
        root.fieldNames().forEachRemaining(sections::add);
        assertEquals(new ArrayList<>(KEYS.keySet()), sections);
        KEYS.forEach((section, keys) -> {
            List<String> present = new ArrayList<>();
            root.get(section).fieldNames().forEachRemaining(present::add);
            assertEquals(keys, present, section);
            for (String key : keys) {
                JsonNode value = root.get(section).get(key);
                String name = section + "." + key;
                if (section.equals("targets")) {
                    assertTrue(value.get("value").isNumber(), name);
                    assertTrue(value.get("target").isTextual(), name);
                    assertTrue(value.get("met").isBoolean(), name);
                } else if (!TEXT_KEYS.contains(name)) {
                    assertTrue(value.isNumber(), name + " = " + value);
                    assertTrue(value.asDouble() >= 0, name + " = " + value);
                }
            }
        });
        assertEquals("file", root.get("run").get("store").asText());
        assertTrue(root.get("run").get("quick").asBoolean());
        assertTrue(root.get("replay").get("events").asLong() > root.get("replay").get("calls").asLong() / 2);
        assertEquals(root.get("replay").get("events").asLong(), root.get("appendLimit").get("rows").asLong(),
                "the append limit inserts as many rows as the replay wrote events");
        assertEquals(root.get("replay").get("events").asLong(), root.get("rebuild").get("events").asLong());
        assertTrue(root.get("seek").get("events").asLong() >= BenchOptions.QUICK_SEEK_EVENTS);
    }

    @Test
    void theBenchLeavesNothingBehindInTheStoreDirectory() throws IOException {
        assertEquals(0, json.exit(), json.err());
        try (Stream<Path> left = Files.list(scratchParent)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void theHumanTableHasEveryFigureWithValueLimitRatioTargetAndMet() {
        assertEquals(0, human.exit(), human.err());
        List<String> lines = human.out().lines().toList();
        assertTrue(lines.get(0).matches("FIGURE\\s+VALUE\\s+LIMIT\\s+RATIO\\s+TARGET\\s+MET\\?"), lines.get(0));
        for (String figure : List.of("replay, mem store", "plain model (pure functions, plain maps)",
                "replay, mem store, CPU per call", "rebuild (", "rebuild's digest chain check", "seek p50 (", "seek p99 (",
                "debugger step p50 (", "debugger step p99 (",
                "seek p50, long log vs short log", "crowded port, 10 bindings", "crowded port, 1,000 bindings",
                "crowded port, 10,000 bindings", "explore, 3 programs x 4 calls (34,650 orders), whole search",
                "explore, 4 programs x 6 calls, --max-orders 2,000", "start-up, wskemu state",
                "embedding, 1 lane on one H2 store", "embedding, 4 lanes on one H2 store")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(figure)), figure + " in\n" + human.out());
        }
        long targeted = lines.stream().filter(l -> l.endsWith(" yes") || l.endsWith(" NO")).count();
        assertEquals(CHROMIUM ? 16 : 15, targeted, "a met? for each target (2 and 4 embedding lanes, the report's size and load among them):\n" + human.out());
        for (String unit : List.of("events/s", "calls/s", "rows/s", " ms", "ns/decision")) {
            assertTrue(human.out().contains(unit), unit);
        }
        assertTrue(human.out().contains("mem store"), "--store mem measures in memory");
        assertFalse(human.out().contains("file store"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("bench of ")), "the run's settings");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("seek store: ")), "the seek store's size and build");
    }

    @Test
    void progressGoesToStderrAndABadSizeIsAUsageError() {
        assertTrue(human.err().contains("bench: "), human.err());
        Result bad = run("bench", "--quick", "--calls", "0");
        assertEquals(2, bad.exit());
        assertNotNull(bad.err());
    }
}
