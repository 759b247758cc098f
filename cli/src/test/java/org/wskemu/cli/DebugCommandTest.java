package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code wskemu debug} driven as a script drives it: commands on standard input, answers on standard
 * output. Each transcript ({@code src/test/resources/debug/*.transcript}) is what a person sees at the
 * prompt: a line {@code (wskemu) COMMAND}, then its answer; the lines before the first command are
 * what the debugger prints when it opens.
 */
class DebugCommandTest {

    @TempDir
    static Path temp;

    /** A store that ran the quickstart twice: run 1 as recorded, run 2 diverging where run 1's sockets still hold. */
    static String store;

    @BeforeAll
    static void runTheQuickstartTwice() {
        store = temp.resolve("store").toString();
        Cli.run("--store", store, "run", Cli.QUICKSTART.toString());
        Cli.run("--store", store, "run", Cli.QUICKSTART.toString());
    }

    /** A transcript: the commands typed, and everything the debugger printed. */
    record Transcript(String commands, String output) {

        static Transcript read(String name) throws IOException {
            String text;
            try (InputStream in = DebugCommandTest.class.getResourceAsStream("/debug/" + name + ".transcript")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            StringBuilder commands = new StringBuilder();
            StringBuilder output = new StringBuilder();
            text.lines().forEach(line -> {
                if (line.startsWith("(wskemu) ")) {
                    commands.append(line.substring("(wskemu) ".length())).append('\n');
                } else {
                    output.append(line).append('\n');
                }
            });
            return new Transcript(commands.toString(), output.toString());
        }
    }

    static Stream<Arguments> transcripts() {
        return Stream.of(
                Arguments.of("quickstart", List.of("debug", Cli.QUICKSTART.toString())),
                Arguments.of("store-last-run", List.of("--store", "STORE", "debug")),
                Arguments.of("store-run-1", List.of("--store", "STORE", "debug", "--run", "1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void answersEachCommandAsTheTranscriptShows(String name, List<String> args) throws IOException {
        Transcript transcript = Transcript.read(name);
        String[] argv = args.stream().map(a -> a.equals("STORE") ? store : a).toArray(String[]::new);
        Cli.Result result = Cli.runWithInput(transcript.commands().getBytes(StandardCharsets.UTF_8), argv);
        assertEquals(0, result.exit(), result::toString);
        assertEquals("", result.err(), result::toString);
        assertEquals(transcript.output(), args.contains("STORE") ? masked(result.out()) : result.out());
    }

    /** A store's socket handles are random (a session run in memory numbers them 1, 2, ...); its path is the test's. */
    private static String masked(String out) {
        return out.replaceAll("handle 0x[0-9a-f]+", "handle HANDLE").replace(store, "STORE");
    }

    @Test
    void stateAndExplainAtEachCallAreWhatTheOneShotCommandsPrint() {
        List<JsonNode> calls = Cli.runWithInput(new byte[0], "--store", store, "debug", "--run", "1", "-o", "json").json();
        assertEquals(1, calls.size());
        int count = calls.get(0).get("calls").asInt();
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < count; i++) {
            script.append("where\nstate\nexplain\nstep\n");
        }
        Cli.Result debug = Cli.runWithInput(script.toString().getBytes(StandardCharsets.UTF_8),
                "--store", store, "debug", "--run", "1");
        List<String> lines = debug.outLines();
        List<String> expected = new ArrayList<>(lines.subList(0, 2));
        for (int i = 0; i < count; i++) {
            String where = lines.get(expected.size());
            String position = where.substring("position ".length(), where.indexOf(','));
            expected.add(where);
            expected.addAll(Cli.ok("--store", store, "state", "--at", position).outLines());
            expected.addAll(Cli.ok("--store", store, "explain", position).outLines());
            if (i + 1 < count) {
                expected.add(lines.get(expected.size())); // the step's answer: the next call's where
            } else {
                expected.addAll(lines.subList(expected.size(), expected.size() + 2)); // the run's end, where
            }
        }
        assertEquals(expected, lines);
    }

    @Test
    void jsonAnswersOneObjectPerCommand() {
        String script = "where\nstep\nback\nbreak refused\ncontinue\nreverse\ngoto 50%\nstate\nexplain\nsockets\n"
                + "socket a443\nports\nbreaks\nwatch port 80\ndelete 2\nhelp\nnonsense\nquit\n";
        Cli.Result result = Cli.runWithInput(script.getBytes(StandardCharsets.UTF_8), "debug", "-o", "json",
                Cli.QUICKSTART.toString());
        assertEquals(0, result.exit(), result::toString);
        List<JsonNode> answers = result.json();
        assertEquals(18, answers.size(), result::toString); // the opening, then one per command but quit
        assertEquals("entry", answers.get(0).get("stop").asText());
        assertEquals("breakpoint", answers.get(5).get("stop").asText());
        assertEquals("STATUS_ACCESS_DENIED", answers.get(5).get("status").asText());
        assertEquals(answers.get(7).get("position"), answers.get(9).get("position"), "explain at the cursor");
        assertTrue(answers.get(8).get("bindings").isArray());
        assertEquals("unknown command 'nonsense' ('help' lists the commands)", answers.get(17).get("error").asText());
    }

    @Test
    void aDivergedBreakpointStopsAtTheDivergedCall() {
        Cli.Result result = Cli.runWithInput("break diverged\ncontinue\n".getBytes(StandardCharsets.UTF_8), "debug",
                "src/test/resources/debug/diverged.wsk.jsonl");
        assertEquals(List.of("breakpoint 1 (diverged)",
                "position 9, line 8 (call 7 of 9): socket b bind to 10.0.0.5:443 refused: STATUS_ACCESS_DENIED: "
                        + "first EXCL W then second NONE S -> DENIED: 10.0.0.5:443 is held by socket a of run 1 (0.0.0.0:443) [DIVERGED]"),
                result.outLines().subList(3, 5), result::toString);
    }

    @Test
    void theProfileDecidesASessionRunInMemory() {
        byte[] script = "goto line 18\nexplain\n".getBytes(StandardCharsets.UTF_8);
        Cli.Result wsk = Cli.runWithInput(script, "debug", Cli.QUICKSTART.toString());
        Cli.Result legacy = Cli.runWithInput(script, "--profile", "win32-legacy", "debug", Cli.QUICKSTART.toString());
        assertTrue(wsk.outLines().contains("profile: wsk; the socket's option: NONE"), wsk::toString);
        assertTrue(legacy.outLines().contains("profile: win32-legacy; the socket's option: NONE"), legacy::toString);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(List.of("debug", "-"), 2, "wskemu: debug reads its commands from standard input, so the "
                        + "session cannot come from there: name its file"),
                Arguments.of(List.of("debug", "--run", "1", "../examples/quickstart.wsk.jsonl"), 2,
                        "wskemu: --run picks a run of the store: it does not apply to a session file"),
                Arguments.of(List.of("--store", "mem", "debug", "../examples/quickstart.wsk.jsonl"), 2,
                        "wskemu: debug FILE runs the session in memory: it takes no --store"),
                Arguments.of(List.of("debug", "--csv", "../examples/quickstart.wsk.jsonl"), 2,
                        "wskemu: debug answers as table or json, not csv"),
                Arguments.of(List.of("--store", "STORE", "--profile", "win32", "debug"), 2,
                        "wskemu: --profile does not apply to 'debug': it reads recorded decisions, each made under its own profile"),
                Arguments.of(List.of("--store", "STORE", "debug", "--run", "7"), 2,
                        "wskemu: no run 7 (store STORE holds runs 1, 2)"),
                Arguments.of(List.of("--store", "STORE-missing", "debug"), 3,
                        "wskemu: store STORE-missing does not exist; only 'wskemu run' creates a store"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatItCannotDebugWithOneLine(List<String> args, int exit, String message) {
        String[] argv = args.stream().map(a -> a.replace("STORE", store)).toArray(String[]::new);
        Cli.Result result = Cli.runWithInput(new byte[0], argv);
        Cli.assertOneLineError(exit, result);
        assertEquals(message, result.err().strip().replace(store, "STORE"));
    }
}
