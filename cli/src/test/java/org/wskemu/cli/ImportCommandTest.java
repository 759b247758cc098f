package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code wskemu import}: the committed recordings in, their session files out, and the session files run. */
class ImportCommandTest {

    /** The recording module's fixtures; tests run in the module directory. */
    static final Path FIXTURES = Path.of("..", "recording", "src", "test", "resources");

    @TempDir
    Path dir;

    record Fixture(String format, Path recording) {
        Path golden() {
            String name = recording.getFileName().toString();
            return recording.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".wsk.jsonl");
        }

        @Override
        public String toString() {
            return format + " " + recording.getFileName();
        }
    }

    static Stream<Fixture> fixtures() throws IOException {
        return Stream.concat(list("wine", "wine", ".trace"), list("tracerpt-xml", "tracerpt", ".xml"));
    }

    /** The fixtures whose every expectation the session reader knows before the fidelity work merges. */
    static Stream<Fixture> fixturesReadableToday() throws IOException {
        return fixtures().filter(f -> !lines(f.golden()).stream().anyMatch(l -> !l.startsWith("#")
                && (l.contains("SHARING_VIOLATION") || l.contains("\"WSA") || l.contains("NO_ERROR")
                || l.contains("\"0x") || l.contains("ADDRESS_ALREADY_ASSOCIATED") || l.contains("INVALID_ADDRESS_COMPONENT"))));
    }

    private static Stream<Fixture> list(String format, String sub, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve(sub))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .filter(f -> !f.getFileName().toString().startsWith("hostile-"))
                    .sorted().map(f -> new Fixture(format, f)).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void writesTheSameSessionAsTheLibraryToOut(Fixture fixture) throws IOException {
        Path out = dir.resolve("out.wsk.jsonl");
        imported("import", "--from", fixture.format(), fixture.recording().toString(), "-o", out.toString());
        List<String> expected = lines(fixture.golden());
        List<String> actual = lines(out);
        // The library's golden files name the recording relative to the resources; only line 1 says where it was read.
        assertEquals(expected.subList(1, expected.size()), actual.subList(1, actual.size()));
        assertTrue(actual.get(0).contains(fixture.recording().toString()), actual.get(0));
    }

    @Test
    void writesToStandardOutputByDefault() {
        Path trace = FIXTURES.resolve("wine").resolve("race-reuse-reuse.trace");
        Cli.Result result = imported("import", "--from", "wine", trace.toString());
        assertTrue(result.out().contains("{\"op\":\"bind\",\"socket\":\"014c:0034\",\"address\":\"0.0.0.0:40102\",\"expect\":\"STATUS_SUCCESS\"}"),
                result::toString);
    }

    @Test
    void aDashReadsTheRecordingFromStandardInput() throws IOException {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(Files.newInputStream(FIXTURES.resolve("tracerpt").resolve("tcpip-retry.xml")));
            Cli.Result result = imported("import", "--from", "tracerpt-xml", "-");
            assertTrue(result.out().startsWith("# Imported by 'wskemu import --from tracerpt-xml' from <stdin>.\n"), result::toString);
            assertTrue(result.out().contains("{\"op\":\"bind\",\"socket\":\"tcpip-2\",\"address\":\"0.0.0.0:7000\","
                    + "\"expect\":\"STATUS_ADDRESS_ALREADY_EXISTS\"}"), result::toString);
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void userFlagsSupplyTheTokenTheTraceLacks() {
        Path trace = FIXTURES.resolve("wine").resolve("retry.trace");
        Cli.Result result = imported("import", "--from", "wine", trace.toString(), "--user", "392=SY",
                "--default-user", "S-1-5-21-7-7-7-1001");
        assertTrue(result.out().contains("{\"op\":\"process\",\"pid\":392,\"user\":\"SY\"}"), result::toString);
        assertTrue(result.out().contains("{\"op\":\"process\",\"pid\":384,\"user\":\"S-1-5-21-7-7-7-1001\"}"), result::toString);
    }

    @Test
    void aMalformedRecordingIsOneLineExitTwoAndNothingWritten() throws IOException {
        Path trace = dir.resolve("cut.trace");
        Files.writeString(trace, "0160:0164:trace:winsock:bind socket 0x30, addr { family AF_INET, address 300.0.0.1, port 1 }\n");
        Path out = dir.resolve("out.wsk.jsonl");
        Cli.Result result = Cli.run("import", "--from", "wine", trace.toString(), "-o", out.toString());
        Cli.assertOneLineError(2, result);
        assertTrue(result.err().startsWith(trace + ":1: "), result::toString);
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(trace), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Cli.Result result = Cli.run("import", "--from", "pcap", "x");
        Cli.assertOneLineError(2, result);
        assertTrue(result.err().contains("unknown format 'pcap'"), result::toString);
    }

    @Test
    void aBadUserFlagIsAUsageError() {
        Path trace = FIXTURES.resolve("wine").resolve("retry.trace");
        Cli.Result result = Cli.run("import", "--from", "wine", trace.toString(), "--user", "392");
        Cli.assertOneLineError(2, result);
        assertTrue(result.err().contains("--user '392' is not PID=SID"), result::toString);
    }

    @Test
    void aMissingRecordingIsOneLine() {
        Cli.Result result = Cli.run("import", "--from", "tracerpt-xml", dir.resolve("none.xml").toString());
        Cli.assertOneLineError(2, result);
        assertTrue(result.err().endsWith("none.xml: cannot read: no such file" + System.lineSeparator()), result::toString);
    }

    /** The imported session is a valid session file: run exits 0 or 1 (divergences), never 2. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixturesReadableToday")
    void anImportedSessionRuns(Fixture fixture) throws IOException {
        runsUnderWin32(fixture);
    }

    /** As {@link #anImportedSessionRuns} for every fixture: SHARING_VIOLATION and Winsock errors included. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyImportedSessionRuns(Fixture fixture) throws IOException {
        runsUnderWin32(fixture);
    }

    /**
     * The Wine traces replayed under win32: the divergences are exactly the ones
     * {@code recording/src/test/resources/wine/README.md} explains as Wine departing from Windows,
     * "socket: recorded -> emulator"; every other call matches.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "race-none-none|",
            "race-none-none-relay|",
            "race-reuse-reuse|",
            "race-excl-specific|",
            "race-reuse-excl|",
            "retry|",
            "race-excl-excl|0160:0034: STATUS_ACCESS_DENIED -> STATUS_SHARING_VIOLATION",
            "dualstack|0178:0038: STATUS_SHARING_VIOLATION -> STATUS_SUCCESS;"
                    + "0178:003c: STATUS_SHARING_VIOLATION -> STATUS_SUCCESS;"
                    + "0178:0040: STATUS_SHARING_VIOLATION -> STATUS_SUCCESS"})
    void wineTracesDivergeOnlyWhereWineDepartsFromWindows(String name, String divergences) throws IOException {
        Path trace = FIXTURES.resolve("wine").resolve(name + ".trace");
        Path out = dir.resolve(name + ".wsk.jsonl");
        imported("import", "--from", "wine", trace.toString(), "-o", out.toString());
        String store = dir.resolve("store-" + name).toString();
        Cli.Result run = Cli.run("--store", store, "--profile", "win32", "run", out.toString(), "--json");
        List<com.fasterxml.jackson.databind.JsonNode> divergent = run.json().stream()
                .filter(n -> n.has("match") && !n.get("match").asBoolean()).toList();
        List<String> diverged = divergent.stream()
                .map(n -> n.get("socket").asText() + ": " + n.get("expected").asText() + " -> " + n.get("status").asText())
                .toList();
        assertEquals(divergences == null ? List.of() : List.of(divergences.split(";")), diverged, run::toString);
        assertEquals(diverged.isEmpty() ? 0 : 1, run.exit(), run::toString);
        // each divergence has the shape of a departure the fixtures' README documents, and explain says so
        for (com.fasterxml.jackson.databind.JsonNode n : divergent) {
            Cli.Result explain = Cli.ok("--store", store, "explain", n.get("position").asText(), "--json");
            com.fasterxml.jackson.databind.JsonNode departures = explain.json().get(0).get("wineDepartures");
            assertTrue(departures != null && departures.size() > 0, () -> "line " + n.get("line") + ": " + explain);
        }
    }

    /**
     * The kernel-mode recording made under Wine (a WSK driver in winedevice, through netio.sys) replays under
     * the wsk profile with one divergence, netio's status for an address in use, which explain names.
     */
    @Test
    void theWskDriverRecordedUnderWineDivergesOnlyWhereNetioDepartsFromWindows() throws IOException {
        Path out = dir.resolve("wskprobe.wsk.jsonl");
        imported("import", "--from", "wine", FIXTURES.resolve("wine").resolve("wskprobe.trace").toString(), "-o", out.toString());
        String store = dir.resolve("store-wsk").toString();
        Cli.Result run = Cli.run("--store", store, "--profile", "wsk", "run", out.toString(), "--json");
        List<com.fasterxml.jackson.databind.JsonNode> divergent = run.json().stream()
                .filter(n -> n.has("match") && !n.get("match").asBoolean()).toList();
        assertEquals(List.of("0110:005c: STATUS_ADDRESS_ALREADY_ASSOCIATED -> STATUS_ADDRESS_ALREADY_EXISTS"),
                divergent.stream().map(n -> n.get("socket").asText() + ": " + n.get("expected").asText() + " -> "
                        + n.get("status").asText()).toList(), run::toString);
        Cli.Result explain = Cli.ok("--store", store, "explain", divergent.get(0).get("position").asText());
        assertTrue(explain.out().contains("matches a documented Wine departure") && explain.out().contains("netio.sys"),
                explain::toString);
    }

    /** A kernel-mode recording (TCPIP events joined on Endpoint) replays under the wsk profile with every expectation met. */
    @Test
    void aTcpipCaptureJoinedOnEndpointReplaysUnderWskWithoutDivergence() throws IOException {
        Path out = dir.resolve("tcpip-endpoints.wsk.jsonl");
        imported("import", "--from", "tracerpt-xml", FIXTURES.resolve("tracerpt").resolve("tcpip-endpoints.xml").toString(),
                "-o", out.toString());
        Cli.Result run = Cli.run("--store", "mem", "--profile", "wsk", "run", out.toString(), "--json");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.json().stream().filter(n -> n.has("match")).allMatch(n -> n.get("match").asBoolean()), run::toString);
    }

    /** An import that succeeds: exit 0, and its summary as the one line on standard error. */
    static Cli.Result imported(String... args) {
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exit(), result::toString);
        assertEquals(1, result.errLines().size(), result::toString);
        assertTrue(result.err().startsWith("import: ") && result.err().contains(" traced calls: "), result::toString);
        return result;
    }

    private void runsUnderWin32(Fixture fixture) throws IOException {
        Path out = dir.resolve(fixture.recording().getFileName() + ".wsk.jsonl");
        imported("import", "--from", fixture.format(), fixture.recording().toString(), "-o", out.toString());
        Cli.Result run = Cli.run("--store", "mem", "--profile", "win32", "run", out.toString());
        assertTrue(run.exit() == 0 || run.exit() == 1, run::toString);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
