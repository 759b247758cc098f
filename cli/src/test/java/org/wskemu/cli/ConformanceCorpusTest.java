package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance corpus at the repository root ({@code conformance/}): session files written from Wine's
 * tests that run on real Windows ({@code dlls/ws2_32/tests/sock.c} and {@code afd.c}), each expectation
 * being what Windows answered. Every file runs in a fresh in-memory store under the profile its first line
 * declares ({@code # profile: win32}), and every expectation must hold: a failure names each divergence by
 * file and line, with the status Windows answered and the one wskemu decided.
 */
@Tag("conformance")
class ConformanceCorpusTest {

    /** The corpus at the repository root; tests run in the module directory. */
    static final Path CORPUS = Path.of("..", "conformance");
    static final Path README = CORPUS.resolve("README.md");

    private static final String SUFFIX = ".wsk.jsonl";
    private static final Pattern PROFILE = Pattern.compile("# profile: (\\S+)");
    /** A row of the README's table of files: {@code | `NAME.wsk.jsonl` | SOURCE | EXPRESSED | ...}. */
    private static final Pattern README_ROW = Pattern.compile("^\\| `([^`]+\\.wsk\\.jsonl)` \\|[^|]*\\| (\\d+) \\|");

    static List<String> corpusFiles() {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void everyWindowsCheckedCaseHolds(String name) {
        Path file = CORPUS.resolve(name);
        String profile = declaredProfile(file);

        Cli.Result result = Cli.run("--store", "mem", "--profile", profile, "run", file.toString(), "--json");

        assertEquals("", result.err(), () -> name + " did not run:\n" + result);
        List<JsonNode> nodes = result.json();
        List<String> divergences = new ArrayList<>();
        for (JsonNode call : nodes.subList(0, nodes.size() - 1)) {
            if (!call.get("match").asBoolean()) {
                divergences.add(divergence(name, call));
            }
        }
        assertEquals(List.of(), divergences, () -> name + ": " + divergences.size() + " Windows-checked case(s) diverge:\n"
                + String.join("\n", divergences));
        JsonNode summary = nodes.get(nodes.size() - 1).get("summary");
        assertEquals(0, summary.get("divergences").asInt(), result::toString);
        assertEquals(expectationLines(file), summary.get("expectations").asInt(), result::toString);
        assertEquals(0, result.exit(), result::toString);
    }

    @Test
    void everyFileDeclaresItsProfileAndCitesItsSource() {
        List<String> files = corpusFiles();
        assertFalse(files.isEmpty(), "no corpus in " + CORPUS.toAbsolutePath());
        for (String name : files) {
            Path file = CORPUS.resolve(name);
            declaredProfile(file);
            List<String> lines = Cli.lines(file);
            for (int i = 0; i < lines.size(); i++) {
                // Each expectation has, in the comment block just above it, the source line it comes from.
                if (isExpectation(lines.get(i))) {
                    assertTrue(i > 0 && lines.get(i - 1).startsWith("#") && citesSource(lines, i - 1),
                            name + ":" + (i + 1) + " has no comment naming its source line");
                }
            }
        }
    }

    @Test
    void theReadmeCountsEveryExpressedCaseOfEveryFile() {
        Map<String, Integer> stated = new LinkedHashMap<>();
        for (String line : Cli.lines(README)) {
            Matcher row = README_ROW.matcher(line);
            if (row.find()) {
                stated.put(row.group(1), Integer.parseInt(row.group(2)));
            }
        }
        assertEquals(corpusFiles(), stated.keySet().stream().sorted().toList(), "the README's table of files");
        for (Map.Entry<String, Integer> row : stated.entrySet()) {
            assertEquals(row.getValue().intValue(), expectationLines(CORPUS.resolve(row.getKey())),
                    "expressed cases of " + row.getKey() + " in " + README);
        }
    }

    private static String divergence(String name, JsonNode call) {
        StringBuilder text = new StringBuilder(name).append(':').append(call.get("line").asInt()).append(": ")
                .append(call.get("op").asText());
        if (!call.get("socket").isNull()) {
            text.append(' ').append(call.get("socket").asText());
        }
        if (call.has("address")) {
            text.append(' ').append(call.get("address").asText());
        }
        text.append(": Windows ").append(call.get("expected").isNull() ? "-" : call.get("expected").asText());
        if (call.has("expectedValue")) {
            text.append(" value ").append(call.get("expectedValue").asText());
        }
        text.append(", wskemu ").append(call.get("status").asText()).append(" (").append(call.get("code").asText())
                .append(')');
        if (call.has("value")) {
            text.append(" value ").append(call.get("value").asText());
        }
        return text.toString();
    }

    private static String declaredProfile(Path file) {
        List<String> lines = Cli.lines(file);
        Matcher profile = PROFILE.matcher(lines.isEmpty() ? "" : lines.get(0));
        assertTrue(profile.matches(), file + ": the first line must declare the profile, e.g. # profile: win32");
        return profile.group(1);
    }

    /** Call lines that carry an expectation: the corpus's expressed cases. */
    private static int expectationLines(Path file) {
        return (int) Cli.lines(file).stream().filter(ConformanceCorpusTest::isExpectation).count();
    }

    private static boolean isExpectation(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return false;
        }
        JsonNode node = Cli.parse(trimmed);
        return node.has("expect") || node.has("expectValue");
    }

    /** Whether the comment block ending at {@code last} names a source line such as {@code sock.c:2153}. */
    private static boolean citesSource(List<String> lines, int last) {
        for (int i = last; i >= 0 && lines.get(i).startsWith("#"); i--) {
            if (lines.get(i).matches("#.*\\b(sock|afd)\\.c:\\d+.*")) {
                return true;
            }
        }
        return false;
    }
}
