package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of malformed line stops {@code run} before a single event is written: exit 2, one
 * {@code FILE:LINE: what is wrong} per fault on stderr, nothing on stdout, the store still empty.
 */
class MalformedSessionTest {

    /** Good lines 1 to 3; the malformed line is line 4. */
    private static final List<String> PREAMBLE = List.of(
            "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
            "{\"op\":\"thread\",\"tid\":9,\"pid\":4}",
            "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}");

    @TempDir
    static Path temp;

    /** A store created empty before the tests; every test leaves it empty. */
    static Path store;

    @BeforeAll
    static void createEmptyStore() {
        store = temp.resolve("store");
        Cli.emptyStore(store);
        assertTrue(Files.exists(store.resolve("wskemu.mv.db")));
    }

    static Stream<Arguments> malformedLines() {
        return Stream.of(
                row("bad JSON", "{\"op\":\"bind\",\"socket\":\"a\",",
                        "not a JSON object: Unexpected end-of-input within/between Object entries"),
                row("unknown op", "{\"op\":\"connect\",\"socket\":\"a\"}",
                        "unknown op 'connect' (expected host, process, thread, socket, set, get, bind or close)"),
                row("unknown field", "{\"op\":\"close\",\"socket\":\"a\",\"irp\":true,\"force\":true}",
                        "unknown field 'force' in a close line"),
                row("misspelt field", "{\"op\":\"bind\",\"socket\":\"a\",\"adress\":\"0.0.0.0:80\"}",
                        "unknown field 'adress' in a bind line", "missing field 'address' in a bind line"),
                row("missing field", "{\"op\":\"bind\",\"socket\":\"a\"}", "missing field 'address' in a bind line"),
                row("bad SID", "{\"op\":\"process\",\"pid\":5,\"user\":\"S-1-x\"}",
                        "bad SID 'S-1-x' in 'user': authority 'x' is not a decimal number"),
                row("bad SDDL", "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4,"
                        + "\"sd\":\"D:(Z;;GA;;;WD)\"}",
                        "bad SDDL in 'sd': SDDL: unsupported ACE type 'Z' at offset 3 (only A and D are supported)"),
                row("SACL in SDDL", "{\"op\":\"set\",\"socket\":\"a\",\"option\":\"SO_WSK_SECURITY\",\"sd\":\"S:(AU;;GA;;;WD)\"}",
                        "bad SDDL in 'sd': SDDL: SACLs are not supported ('S:' at offset 0)"),
                row("bad address", "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"300.0.0.1:80\"}",
                        "'address': '300.0.0.1' is not an IPv4 address (octet 300 is over 255)"),
                row("port over 65535", "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:65536\"}",
                        "'address': port 65536 is outside 0-65535"),
                row("negative port", "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"[::]:-1\"}",
                        "'address': port -1 is outside 0-65535"),
                row("undeclared process", "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\","
                        + "\"process\":99}", "'process': process 99 is not declared on an earlier line (declare it first: {\"op\":\"process\",\"pid\":99,\"user\":\"SID\"})"),
                row("undeclared thread", "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\","
                        + "\"process\":4,\"owningThread\":7}", "'owningThread': thread 7 is not declared on an earlier line (declare it first: {\"op\":\"thread\",\"tid\":7,\"pid\":PID})"),
                row("thread of an undeclared process", "{\"op\":\"thread\",\"tid\":10,\"pid\":77}",
                        "'pid': process 77 is not declared on an earlier line (declare it first: {\"op\":\"process\",\"pid\":77,\"user\":\"SID\"})"),
                row("label reused while live", "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\","
                        + "\"process\":4}", "label 'a' is reused while live (created on line 3)"));
    }

    private static Arguments row(String name, String line, String... messages) {
        return Arguments.of(name, line, List.of(messages));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedLines")
    void stopsTheRunWithExitTwoAndFileLineMessages(String name, String line, List<String> messages) {
        List<String> lines = new ArrayList<>(PREAMBLE);
        lines.add(line);
        lines.add("{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\"}");
        Path file = Cli.session(temp.resolve("malformed.wsk.jsonl"), lines);

        for (String format : new String[] {"--json", "--batch=1"}) {
            Cli.Result result = Cli.run("--store", store.toString(), "run", format, file.toString());

            assertEquals(2, result.exit(), result::toString);
            assertEquals("", result.out(), result::toString);
            assertEquals(messages.stream().map(m -> file + ":4: " + m).toList(), result.errLines());
            assertFalse(result.err().contains("\tat "), result::toString);
        }
    }

    @Test
    void everyFaultOfTheFileIsReportedInLineOrder() {
        Path file = Cli.session(temp.resolve("faults.wsk.jsonl"), List.of(
                "# comment lines count",
                "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                "{\"op\":\"process\",\"pid\":5,\"user\":\"nobody\"}",
                "",
                "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\"",
                "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:99999\",\"expect\":\"SUCCESS\"}"));

        Cli.Result result = Cli.run("--store", store.toString(), "run", file.toString());

        assertEquals(2, result.exit(), result::toString);
        assertEquals("", result.out());
        List<String> err = result.errLines();
        assertEquals(3, err.size(), result::toString);
        assertTrue(err.get(0).startsWith(file + ":3: "), err.get(0));
        assertTrue(err.get(1).startsWith(file + ":5: not a JSON object"), err.get(1));
        assertEquals(file + ":7: 'address': port 99999 is outside 0-65535", err.get(2));
    }

    @Test
    void relativeFileIsNamedAsTheUserWroteIt() {
        Path file = Cli.session(Path.of("target", "malformed-" + ProcessHandle.current().pid() + ".wsk.jsonl"),
                List.of("{\"op\":\"process\",\"pid\":4}"));
        try {
            Cli.Result result = Cli.run("--store", store.toString(), "run", file.toString());
            assertEquals(2, result.exit(), result::toString);
            assertEquals(List.of("target/malformed-" + ProcessHandle.current().pid()
                    + ".wsk.jsonl:1: missing field 'user' in a process line"), result.errLines());
        } finally {
            file.toFile().delete();
        }
    }

    @Test
    void malformedFileCreatesNoStore() {
        Path fresh = temp.resolve("fresh");
        Path file = Cli.session(temp.resolve("bad.wsk.jsonl"), List.of("{\"op\":\"connect\"}"));

        assertEquals(2, Cli.run("--store", fresh.toString(), "run", file.toString()).exit());

        assertFalse(Files.exists(fresh));
    }

    /** After each test: no event in the store's event table. */
    @AfterEach
    void eventTableIsStillEmpty() throws SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:h2:file:" + store.resolve("wskemu") + ";IFEXISTS=TRUE",
                "wskemu", ""); Statement statement = raw.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM DOMAINEVENTENTRY")) {
            assertTrue(count.next());
            assertEquals(0, count.getLong(1), "events in DomainEventEntry");
        }
    }

    /** After every test: {@code history} and {@code audit} find nothing either. */
    @AfterAll
    static void commandsFindNoEvents() {
        assertEquals(List.of("no events (store " + store + ")"), Cli.ok("--store", store.toString(), "history").outLines());
        assertEquals("", Cli.ok("--store", store.toString(), "audit", "--json").out());
    }
}
