package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wskemu shrink}: known sessions shrink to known minimal ones that {@code run} reproduces. */
class ShrinkCommandTest {

    private static final String SYSTEM = "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}";
    private static final String SERVICE = "{\"op\":\"process\",\"pid\":1204,\"user\":\"NS\"}";
    private static final String HTTPS = "{\"op\":\"socket\",\"socket\":\"https\",\"category\":\"listen\",\"family\":\"inet\",\"process\":1204}";
    private static final String EXCLUSIVE = "{\"op\":\"set\",\"socket\":\"https\",\"option\":\"SO_EXCLUSIVEADDRUSE\",\"value\":1,\"expect\":\"SUCCESS\"}";
    private static final String HTTPS_BIND = "{\"op\":\"bind\",\"socket\":\"https\",\"address\":\"0.0.0.0:443\",\"expect\":\"SUCCESS\"}";
    private static final String CONSOLE = "{\"op\":\"socket\",\"socket\":\"console\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}";
    /** The recording says the console's bind succeeded; after the service's exclusive bind it is refused. */
    private static final String CONSOLE_BIND = "{\"op\":\"bind\",\"socket\":\"console\",\"address\":\"127.0.0.1:443\",\"expect\":\"SUCCESS\"}";

    static final List<String> DIVERGING = List.of(
            "# the boot race, recorded with the driver first, replayed with the service first",
            SYSTEM, SERVICE, HTTPS, EXCLUSIVE,
            "{\"op\":\"socket\",\"socket\":\"metrics\",\"category\":\"listen\",\"family\":\"inet\",\"process\":1204}",
            HTTPS_BIND,
            "{\"op\":\"bind\",\"socket\":\"metrics\",\"address\":\"127.0.0.1:9100\",\"expect\":\"SUCCESS\"}",
            "{\"op\":\"socket\",\"socket\":\"ctl\",\"category\":\"datagram\",\"family\":\"inet\",\"process\":4}",
            "{\"op\":\"bind\",\"socket\":\"ctl\",\"address\":\"127.0.0.1:0\",\"expect\":\"SUCCESS\"}",
            CONSOLE, CONSOLE_BIND,
            "{\"op\":\"close\",\"socket\":\"ctl\"}");

    @TempDir
    Path temp;

    @Test
    void theFirstDivergenceShrinksToTheKnownMinimalSessionWhichRunReproduces() {
        Path session = Cli.session(temp.resolve("d.wsk.jsonl"), DIVERGING);
        Cli.Result result = Cli.run("shrink", session.toString());

        assertEquals(0, result.exit(), result::toString);
        // the exclusive option can go too: the service's wildcard alone refuses another user's specific bind
        List<String> minimal = List.of(SYSTEM, SERVICE, HTTPS, HTTPS_BIND, CONSOLE, CONSOLE_BIND);
        assertEquals(minimal, result.outLines());
        assertEquals(List.of("10 call lines -> 4 call lines (line 12 keeps STATUS_ACCESS_DENIED; it is line 6 of the result)"),
                result.errLines());
        Path shrunk = Cli.session(temp.resolve("shrunk.wsk.jsonl"), result.outLines());
        Cli.Result run = Cli.run("--store", "mem", "run", shrunk.toString(), "--json");
        assertEquals(1, run.exit(), "the kept call still diverges: " + run);
        JsonNode kept = run.json().get(5);
        assertEquals(6, kept.get("line").asInt());
        assertEquals("STATUS_ACCESS_DENIED", kept.get("status").asText());
    }

    @Test
    void callKeepsAWitnessStatusAndOutWritesTheFile() throws Exception {
        Path witnesses = temp.resolve("w");
        assertEquals(1, Cli.run("explore", ExploreCommandTest.BOOT_RACE.toString(), "--witness-dir", witnesses.toString()).exit());
        Path witness = witnesses.resolve("outcome-2.wsk.jsonl");
        List<String> lines = Files.readAllLines(witness);
        int httpsBind = 1 + lines.indexOf(lines.stream().filter(l -> l.contains("\"address\":\"0.0.0.0:443\"")).findFirst().orElseThrow());
        Path out = temp.resolve("minimal.wsk.jsonl");

        Cli.Result result = Cli.run("shrink", witness.toString(), "--call", String.valueOf(httpsBind), "-o", out.toString());

        assertEquals(0, result.exit(), result::toString);
        assertEquals("", result.err(), result::toString);
        assertTrue(result.out().startsWith("9 call lines -> 5 call lines (line " + httpsBind + " keeps STATUS_ADDRESS_ALREADY_EXISTS"),
                result::toString);
        Cli.Result run = Cli.run("--store", "mem", "run", out.toString(), "--json");
        assertEquals(0, run.exit(), "the witness's expects hold in the shrunk file: " + run);
        assertEquals(7, Files.readAllLines(out).size());
    }

    @Test
    void noDivergenceAndNoCallExitsOne() {
        Cli.Result result = Cli.run("shrink", ExploreCommandTest.BOOT_RACE.toString());
        assertEquals(1, result.exit(), result::toString);
        assertEquals("", result.out());
        assertEquals(1, result.errLines().size());
    }

    @Test
    void callNamingADeclarationOrACommentIsBadInput() {
        Cli.assertOneLineError(2, Cli.run("shrink", ExploreCommandTest.BOOT_RACE.toString(), "--call", "5"));
        Cli.assertOneLineError(2, Cli.run("shrink", ExploreCommandTest.BOOT_RACE.toString(), "--call", "1"));
        Path broken = Cli.session(temp.resolve("broken.wsk.jsonl"), List.of("{\"op\":\"bind\"}"));
        assertEquals(2, Cli.run("shrink", broken.toString()).exit());
    }
}
