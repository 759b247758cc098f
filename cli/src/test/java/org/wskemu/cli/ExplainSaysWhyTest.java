package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #26: {@code explain} says why, for every binding on the port it did not consult too, names the
 * run and line that declared the host's addresses behind an INVALID_ADDRESS_COMPONENT, and tells
 * labels reused across runs apart.
 */
class ExplainSaysWhyTest {

    @TempDir
    Path temp;

    /** The Wine dual-stack case of the issue, with a binding for each rule that sets one aside. */
    private static final List<String> SESSION = List.of(
            "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
            "{\"op\":\"host\",\"addresses\":[\"10.0.0.5\",\"10.0.0.6\"]}",
            "{\"op\":\"socket\",\"socket\":\"six\",\"category\":\"datagram\",\"family\":\"inet6\",\"process\":4}",
            "{\"op\":\"bind\",\"socket\":\"six\",\"address\":\"[::1]:41004\"}",
            "{\"op\":\"socket\",\"socket\":\"v6\",\"category\":\"datagram\",\"family\":\"inet6\",\"process\":4}",
            "{\"op\":\"set\",\"socket\":\"v6\",\"option\":\"IPV6_V6ONLY\",\"value\":0}",
            "{\"op\":\"bind\",\"socket\":\"v6\",\"address\":\"[::]:41004\"}",
            "{\"op\":\"socket\",\"socket\":\"tcp\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
            "{\"op\":\"bind\",\"socket\":\"tcp\",\"address\":\"0.0.0.0:41004\"}",
            "{\"op\":\"socket\",\"socket\":\"five\",\"category\":\"datagram\",\"family\":\"inet\",\"process\":4}",
            "{\"op\":\"bind\",\"socket\":\"five\",\"address\":\"10.0.0.5:41004\"}",
            // line 12: the bind the issue explains
            "{\"op\":\"socket\",\"socket\":\"six2\",\"category\":\"datagram\",\"family\":\"inet\",\"process\":4}",
            "{\"op\":\"bind\",\"socket\":\"six2\",\"address\":\"10.0.0.6:41004\"}",
            "{\"op\":\"socket\",\"socket\":\"v4\",\"category\":\"datagram\",\"family\":\"inet\",\"process\":4}",
            "{\"op\":\"bind\",\"socket\":\"v4\",\"address\":\"0.0.0.0:41004\"}",
            "{\"op\":\"socket\",\"socket\":\"bad\",\"category\":\"datagram\",\"family\":\"inet\",\"process\":4}",
            "{\"op\":\"bind\",\"socket\":\"bad\",\"address\":\"10.9.9.9:41004\"}");

    @Test
    void everyBindingOnThePortThatWasNotConsultedIsListedWithItsRule() {
        String store = temp.resolve("store").toString();
        Cli.Result run = Cli.run("--store", store, "run", "--json", Cli.session(temp.resolve("s.wsk.jsonl"), SESSION).toString());
        long v4 = Cli.parse(run.outLines().get(14)).get("position").asLong();
        long six2 = Cli.parse(run.outLines().get(12)).get("position").asLong();

        JsonNode explained = Cli.parse(Cli.ok("--store", store, "explain", Long.toString(v4), "--json").out().strip());
        Map<String, String> rules = new HashMap<>();
        explained.get("setAside").forEach(a -> rules.put(a.get("socket").asText(), a.get("rule").asText()));
        assertEquals(Map.of("v6", "DUAL_STACK_NOT_SEEN", "tcp", "OTHER_PROTOCOL", "six", "OTHER_FAMILY"), rules,
                explained::toString);
        List<String> consulted = new java.util.ArrayList<>();
        explained.get("consulted").forEach(c -> consulted.add(c.get("socket").asText()));
        assertEquals(List.of("five", "six2"), consulted);

        Cli.Result text = Cli.ok("--store", store, "explain", Long.toString(v4));
        assertTrue(text.out().contains("  - socket v6 (run 1), udp [::]:41004 (dual-stack) with NONE: SPEC.md 6a rule 3: "
                + "a non-exclusive dual-stack wildcard is not seen by later inet binds"), text::toString);
        assertFalse(text.out().contains("no binding overlaps"), text::toString);

        JsonNode specific = Cli.parse(Cli.ok("--store", store, "explain", Long.toString(six2), "--json").out().strip());
        Map<String, String> specificRules = new HashMap<>();
        specific.get("setAside").forEach(a -> specificRules.put(a.get("socket").asText(), a.get("rule").asText()));
        assertEquals("DIFFERENT_ADDRESS", specificRules.get("five"), specific::toString);
        assertEquals("DUAL_STACK_NOT_SEEN", specificRules.get("v6"), specific::toString);
    }

    @Test
    void anInvalidAddressComponentNamesTheRunAndLineThatDeclaredTheHost() {
        String store = temp.resolve("store").toString();
        Cli.Result run = Cli.run("--store", store, "run", "--json", Cli.session(temp.resolve("s.wsk.jsonl"), SESSION).toString());
        long bad = Cli.parse(run.outLines().get(16)).get("position").asLong();

        Cli.Result text = Cli.ok("--store", store, "explain", Long.toString(bad));
        assertTrue(text.out().contains("host addresses declared at position 3 (run 1, line 2): 10.0.0.5, 10.0.0.6"),
                text::toString);
        JsonNode json = Cli.parse(Cli.ok("--store", store, "explain", Long.toString(bad), "--json").out().strip());
        JsonNode host = json.get("hostDeclared").get(0);
        assertEquals(1, host.get("run").asInt());
        assertEquals(2, host.get("line").asInt());
        json.get("setAside").forEach(a -> assertTrue(List.of("REFUSED_BEFORE", "OTHER_PROTOCOL", "OTHER_FAMILY").contains(a.get("rule").asText()),
                a::toString));
    }

    @Test
    void aLabelReusedInALaterRunIsToldApartFromTheHolder() {
        String store = temp.resolve("store").toString();
        List<String> session = List.of(
                "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                "{\"op\":\"socket\",\"socket\":\"b443\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"b443\",\"address\":\"0.0.0.0:443\"}");
        Path file = Cli.session(temp.resolve("twice.wsk.jsonl"), session);
        Cli.run("--store", store, "run", file.toString());
        Cli.Result second = Cli.run("--store", store, "run", "--json", file.toString());
        long refused = Cli.parse(second.outLines().get(2)).get("position").asLong();

        Cli.Result text = Cli.ok("--store", store, "explain", Long.toString(refused));
        assertTrue(text.out().contains("position " + refused + ": bind of socket b443 (run 2, process 4)"), text::toString);
        assertTrue(text.out().contains("is held by socket b443 of run 1 (0.0.0.0:443)"), text::toString);
        assertTrue(text.out().contains("1. socket b443 (run 1), 0.0.0.0:443 with NONE"), text::toString);
        assertTrue(text.out().contains("refused by: socket b443 (run 1)"), text::toString);
        JsonNode json = Cli.parse(Cli.ok("--store", store, "explain", Long.toString(refused), "--json").out().strip());
        assertEquals(1, json.get("deciding").get("run").asInt(), json::toString);
        assertEquals(2, json.get("run").asInt(), json::toString);
    }
}
