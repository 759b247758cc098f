package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples at the repository root run end to end with every expectation met. */
class ExamplesTest {

    @TempDir
    static Path temp;

    @ParameterizedTest(name = "{0} on --store {1}")
    @CsvSource({
            "quickstart.wsk.jsonl, mem",
            "quickstart.wsk.jsonl, dir",
            "tour-36-cells.wsk.jsonl, mem",
            "tour-36-cells.wsk.jsonl, dir",
            "boot-race.wsk.jsonl, mem"})
    void runsWithEveryExpectationMet(String example, String kind) {
        Path file = Cli.EXAMPLES.resolve(example);
        String store = kind.equals("mem") ? "mem" : temp.resolve(example + ".store").toString();

        Cli.Result result = Cli.ok("--store", store, "run", "--json", file.toString());

        List<JsonNode> nodes = result.json();
        JsonNode summary = nodes.get(nodes.size() - 1).get("summary");
        assertEquals(0, summary.get("divergences").asInt(), result::toString);
        assertEquals(nodes.size() - 1, summary.get("calls").asInt());
        assertTrue(summary.get("expectations").asInt() > 0);
        long expectations = 0;
        for (JsonNode call : nodes.subList(0, nodes.size() - 1)) {
            assertTrue(call.get("match").asBoolean(), call::toString);
            if (!call.get("expected").isNull()) {
                expectations++;
                assertEquals(call.get("expected").asText(), call.get("status").asText(), call::toString);
            }
        }
        assertTrue(expectations <= summary.get("expectations").asInt());
        if (kind.equals("dir")) {
            Cli.Result verified = Cli.ok("--store", store, "verify");
            assertTrue(verified.outLines().get(0).endsWith(": every decision re-derives"), verified::toString);
            assertTrue(verified.outLines().get(1).contains("the chain holds"), verified::toString);
        }
    }
}
