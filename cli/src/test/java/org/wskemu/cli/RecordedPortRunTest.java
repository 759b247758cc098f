package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC.md 6 rule 1a through the command line: a held recorded port diverges (exit 1) and explain names its holder. */
class RecordedPortRunTest {

    @TempDir
    Path dir;

    private Path session(String... calls) throws IOException {
        Path file = dir.resolve("s.wsk.jsonl");
        Files.write(file, List.of(calls));
        return file;
    }

    @Test
    void aHeldRecordedPortIsADivergenceWithoutAnExpectAndExplainNamesItsHolder() throws IOException {
        Path file = session("{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:39149\",\"expect\":\"SUCCESS\"}",
                "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"b\",\"address\":\"0.0.0.0:0\",\"recordedPort\":39149}");
        String store = dir.resolve("store").toString();
        Cli.Result run = Cli.run("--store", store, "run", file.toString(), "--json");
        assertEquals(1, run.exit(), run::toString);
        JsonNode bind = run.json().stream().filter(n -> n.path("line").asInt() == 5).findFirst().orElseThrow();
        assertFalse(bind.get("match").asBoolean(), run::toString);
        assertEquals("0.0.0.0:49152", bind.get("address").asText());
        Cli.Result explain = Cli.ok("--store", store, "explain", bind.get("position").asText());
        assertTrue(explain.out().contains("recorded port 39149 is held by socket a"), explain::toString);
        Cli.Result human = Cli.run("--store", "mem", "run", file.toString());
        assertTrue(human.out().contains("DIVERGENCE: recorded port 39149, held here"), human::toString);
    }

    @Test
    void aRecordedPortOnABindOfAPortIsBadInputNamingTheLine() throws IOException {
        Path file = session("{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\",\"recordedPort\":80}");
        Cli.Result run = Cli.run("--store", "mem", "run", file.toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("s.wsk.jsonl:3: 'recordedPort' belongs to a port-0 bind only"), run::toString);
    }
}
