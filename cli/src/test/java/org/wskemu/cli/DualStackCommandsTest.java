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

/** Issue #12 through the command line: Winsock and any-NTSTATUS expectations, host lines, dual-stack state and explain. */
class DualStackCommandsTest {

    @TempDir
    Path temp;

    private static final List<String> SESSION = List.of(
            "{\"op\":\"host\",\"addresses\":[\"10.0.0.5\"]}",
            "{\"op\":\"process\",\"pid\":4,\"user\":\"S-1-5-21-1-2-3-1001\"}",
            "{\"op\":\"socket\",\"socket\":\"d\",\"category\":\"stream\",\"family\":\"inet6\",\"process\":4}",
            "{\"op\":\"set\",\"socket\":\"d\",\"option\":\"IPV6_V6ONLY\",\"value\":0,\"inputSize\":1,\"expect\":\"NO_ERROR\"}",
            "{\"op\":\"set\",\"socket\":\"d\",\"option\":\"SO_EXCLUSIVEADDRUSE\",\"value\":1}",
            "{\"op\":\"bind\",\"socket\":\"d\",\"address\":\"[::]:80\",\"expect\":0}",
            "{\"op\":\"socket\",\"socket\":\"v4\",\"category\":\"stream\",\"family\":\"inet\",\"process\":4}",
            "{\"op\":\"bind\",\"socket\":\"v4\",\"address\":\"0.0.0.0:80\",\"expect\":\"WSAEACCES\"}",
            "{\"op\":\"bind\",\"socket\":\"v4\",\"address\":\"10.0.0.6:81\",\"expect\":\"0xC0000207\"}",
            "{\"op\":\"bind\",\"socket\":\"v4\",\"address\":\"10.0.0.5:81\",\"expect\":\"STATUS_SHARING_VIOLATION\"}");

    private Path session() throws Exception {
        Path file = temp.resolve("dual.wsk.jsonl");
        Files.write(file, SESSION);
        return file;
    }

    @Test
    void runMatchesWinsockAndAnyNtstatusExpectationsAndPrintsThemNormalised() throws Exception {
        Cli.Result result = Cli.run("--store", "mem", "--profile", "win32", "run", "--json", session().toString());

        assertEquals(1, result.exit(), result::toString);
        List<JsonNode> lines = result.outLines().stream().map(Cli::parse).toList();
        assertEquals("NO_ERROR", lines.get(5).get("expected").asText());
        assertTrue(lines.get(5).get("match").asBoolean(), result::toString);
        assertEquals("[::]:80", lines.get(5).get("address").asText());
        // SPEC.md 6a.3, Wine tests_exclusive: [::] EXCL then 0.0.0.0 NONE is WSAEACCES
        assertEquals("WSAEACCES", lines.get(7).get("expected").asText());
        assertEquals("STATUS_ACCESS_DENIED", lines.get(7).get("status").asText());
        assertTrue(lines.get(7).get("match").asBoolean(), result::toString);
        assertEquals("STATUS_INVALID_ADDRESS_COMPONENT", lines.get(8).get("expected").asText());
        assertTrue(lines.get(8).get("match").asBoolean(), result::toString);
        // a status the emulator did not answer is a divergence, not a malformed line
        assertFalse(lines.get(9).get("match").asBoolean(), result::toString);
        assertEquals(1, lines.get(10).get("summary").get("divergences").asInt());
    }

    @Test
    void stateAndExplainShowTheDualStackBinding() throws Exception {
        String store = temp.resolve("store").toString();
        Cli.Result run = Cli.run("--store", store, "--profile", "win32", "run", "--json", session().toString());
        long position = Cli.parse(run.outLines().get(5)).get("position").asLong();

        Cli.Result state = Cli.run("--store", store, "state", "--json");
        JsonNode dual = Cli.parse(state.outLines().stream().filter(l -> l.contains("\"d\"")).findFirst().orElseThrow());
        assertTrue(dual.get("dualStack").asBoolean(), state::toString);
        assertEquals("inet6", dual.get("family").asText());
        assertTrue(Cli.run("--store", store, "state").out().contains("[::]:80 (dual-stack)"));

        Cli.Result explain = Cli.run("--store", store, "explain", Long.toString(position));
        assertTrue(explain.out().contains("dual-stack: decided in inet as 0.0.0.0:80 and in inet6 as [::]:80"),
                explain::toString);
        JsonNode refused = Cli.parse(Cli.run("--store", store, "explain",
                Long.toString(Cli.parse(run.outLines().get(7)).get("position").asLong()), "--json").out().strip());
        JsonNode consulted = refused.get("consulted").get(0);
        assertEquals("inet", consulted.get("nameSpace").asText());
        assertEquals("d", consulted.get("socket").asText());
        assertEquals(0, Cli.run("--store", store, "verify").exit());
    }

    @Test
    void anUnknownExpectationNameIsAMalformedLine() throws Exception {
        Path file = temp.resolve("bad.wsk.jsonl");
        Files.write(file, List.of("{\"op\":\"process\",\"pid\":4,\"user\":\"SY\",\"expect\":\"WSAENOPE\"}"));
        Cli.Result result = Cli.run("--store", "mem", "run", file.toString());
        Cli.assertOneLineError(2, result);
        assertEquals(file + ":1: 'expect': unknown status 'WSAENOPE'", result.errLines().get(0));
    }
}
