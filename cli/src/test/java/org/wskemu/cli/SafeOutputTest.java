package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Labels a hostile session file may carry (terminal escape sequences, a newline that would forge a
 * row, a carriage return, bidi overrides, C1 controls) never reach the output raw: every human
 * output of {@code run}, {@code state}, {@code history}, {@code explain}, {@code audit} and
 * {@code audit --csv} shows them escaped, and the JSON outputs escape them as {@code \\uXXXX} and
 * still read back to the very label.
 */
class SafeOutputTest {

    /** Each label, as the JSON of the session file writes it. */
    static final List<String> HOSTILE = List.of(
            "\\u001b[2J\\u001b]0;title\\u0007",      // clears the screen, sets the window title
            "x\\nSOCKET  RUN  forged",               // a newline that would forge a row
            "cr\\rover",                             // a carriage return overwriting the line
            "\\u202eevil\\u2066x\\u2069\\u200f",      // bidi override and isolate, a mark
            "csi\\u009b31m\\u0085",                   // C1 controls: CSI and NEL
            "del\\u007f\\u2028ls");                  // DEL and a line separator

    @TempDir
    static Path temp;
    static String store;
    static List<String> labels;
    static List<JsonNode> runJson;

    @BeforeAll
    static void runTheHostileSession() {
        List<String> lines = new ArrayList<>(List.of(
                "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                "{\"op\":\"process\",\"pid\":1200,\"user\":\"S-1-5-21-1-2-3-1001\",\"groups\":[\"BU\"]}"));
        int port = 80;
        for (String label : HOSTILE) {
            // the first holds the wildcard and lets BU share (a CHECK granted), the second binds beside it
            lines.add("{\"op\":\"socket\",\"socket\":\"" + label + "\",\"category\":\"listen\",\"family\":\"inet\","
                    + "\"process\":4,\"sd\":\"D:(A;;GA;;;SY)(A;;GW;;;BU)\"}");
            lines.add("{\"op\":\"bind\",\"socket\":\"" + label + "\",\"address\":\"0.0.0.0:" + port + "\"}");
            lines.add("{\"op\":\"socket\",\"socket\":\"" + label + "2\",\"category\":\"listen\",\"family\":\"inet\",\"process\":1200}");
            lines.add("{\"op\":\"bind\",\"socket\":\"" + label + "2\",\"address\":\"10.0.0.5:" + port + "\"}");
            port++;
        }
        Path session = Cli.session(temp.resolve("hostile.wsk.jsonl"), lines);
        store = temp.resolve("store").toString();
        String out = Cli.ok("--store", store, "run", session.toString()).out();
        assertSafe(out);
        labels = HOSTILE.stream().map(l -> Cli.parse("\"" + l + "\"").textValue()).toList();
        runJson = Cli.ok("--store", "mem", "run", "--json", session.toString()).json();
    }

    @ParameterizedTest(name = "wskemu {0}")
    @ValueSource(strings = {"state", "history", "audit", "audit --csv", "history --runs", "verify", "explain 7",
            "explain 8", "explain 9", "explain 5"})
    void humanOutputHoldsNoControlNorBidiCharacter(String command) {
        List<String> args = new ArrayList<>(List.of("--store", store));
        args.addAll(List.of(command.split(" ")));
        Cli.Result result = Cli.ok(args.toArray(String[]::new));
        assertSafe(result.out());
        assertTrue(result.out().contains("\\x1b[2J") || !command.startsWith("state") && !command.startsWith("audit"),
                result::toString);
    }

    @Test
    void aNewlineInALabelForgesNoRow() {
        List<String> state = Cli.ok("--store", store, "state").outLines();
        assertEquals(1 + 2 * HOSTILE.size(), state.size(), () -> String.join("\n", state));
        assertTrue(state.stream().anyMatch(l -> l.startsWith("x\\x0aSOCKET  RUN  forged ")), () -> String.join("\n", state));
        List<String> audit = Cli.ok("--store", store, "audit").outLines();
        assertEquals(1 + 2 * HOSTILE.size(), audit.size(), () -> String.join("\n", audit));
    }

    @Test
    void jsonEscapesBidiAndC1AndReadsBackToTheLabel() {
        for (String json : List.of(Cli.ok("--store", store, "state", "--json").out(),
                Cli.ok("--store", store, "audit", "--json").out(),
                Cli.ok("--store", store, "history", "--json").out())) {
            assertSafe(json);
        }
        Set<String> bound = Cli.parseLines(Cli.ok("--store", store, "state", "--json").out()).stream()
                .map(n -> n.get("socket").textValue()).collect(Collectors.toSet());
        for (String label : labels) {
            assertTrue(bound.contains(label), () -> label + " in " + bound);
        }
        assertTrue(runJson.stream().anyMatch(n -> labels.get(3).equals(n.path("socket").textValue())));
    }

    @Test
    void usageErrorsEchoNoControlCharacter() {
        Cli.Result result = Cli.run("--store", store, "state", "--\u001b[2J");
        Cli.assertOneLineError(2, result);
        assertSafe(result.err());
        assertTrue(result.err().contains("\\x1b[2J"), result::toString);
    }

    @ParameterizedTest(name = "label {0}")
    @ValueSource(strings = {"\\ud800", "\\ud801", "a\\udc00b", "\\udfff\\ud800"})
    void aLoneSurrogateIsMalformedAndNamedByFileAndLine(String escapedLabel) {
        Path session = Cli.session(temp.resolve("surrogate.wsk.jsonl"), List.of(
                "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                "# the label below is no Unicode text",
                "{\"op\":\"socket\",\"socket\":\"" + escapedLabel + "\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}"));
        Path fresh = temp.resolve("never-created");

        Cli.Result result = Cli.run("--store", fresh.toString(), "run", session.toString());

        Cli.assertOneLineError(2, result);
        assertTrue(result.err().matches(java.util.regex.Pattern.quote(session.toString())
                + ":3: a string holds a lone UTF-16 surrogate \\\\u[0-9A-F]{4}, which is not Unicode text\\R"), result::toString);
        assertFalse(java.nio.file.Files.exists(fresh), "nothing written");
    }

    @Test
    void aPairedSurrogateIsText() {
        Path session = Cli.session(temp.resolve("emoji.wsk.jsonl"), List.of(
                "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                "{\"op\":\"socket\",\"socket\":\"\\ud83d\\ude00\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}"));
        Cli.ok("--store", "mem", "run", session.toString());
    }

    @Test
    void aSessionFileNameWithAnEscapeIsShownEscaped() {
        Path session = Cli.session(temp.resolve("evil\u001b[2J.wsk.jsonl"), List.of("{\"op\":\"nope\"}"));
        Cli.Result result = Cli.run("--store", "mem", "run", session.toString());
        assertEquals(2, result.exit(), result::toString);
        assertSafe(result.err());
        assertTrue(result.err().contains("evil\\x1b[2J.wsk.jsonl:1: "), result::toString);
    }

    /**
     * No C0 control but the line ends (LF, or CRLF: CSV's), no DEL, C1, bidi control or separator, no
     * lone surrogate.
     */
    static void assertSafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int at = i;
            boolean lineEnd = c == '\n' || c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            boolean bad = c < 0x20 && !lineEnd || c >= 0x7F && c <= 0x9F
                    || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069'
                    || c == '\u200E' || c == '\u200F' || c == '\u061C' || c == '\u2028' || c == '\u2029'
                    || Character.isSurrogate(c);
            assertFalse(bad, () -> String.format("U+%04X at %d in%n%s", (int) c, at, text));
        }
    }
}
