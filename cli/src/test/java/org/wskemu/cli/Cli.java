package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.wskemu.persistence.H2Store;
import org.wskemu.persistence.StoreLocation;
import picocli.CommandLine;

/**
 * Runs {@code wskemu} in this JVM through {@link Wskemu#commandLine()}, as picocli's own tests do:
 * {@code execute} with stdout and stderr captured, then the exit status and the text.
 */
final class Cli {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The examples at the repository root; tests run in the module directory. */
    static final Path EXAMPLES = Path.of("..", "examples");
    static final Path QUICKSTART = EXAMPLES.resolve("quickstart.wsk.jsonl");
    static final Path TOUR = EXAMPLES.resolve("tour-36-cells.wsk.jsonl");

    private Cli() {
    }

    /** What one command printed and returned. */
    record Result(int exit, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        /** Every stdout line parsed as one JSON object. */
        List<JsonNode> json() {
            return parseLines(out);
        }

        /** The only stdout line, parsed. */
        JsonNode single() {
            List<JsonNode> nodes = json();
            assertEquals(1, nodes.size(), out);
            return nodes.get(0);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs one command line, built as {@code main} builds it; every argument as the shell would pass it. */
    static Result run(String... args) {
        CommandLine commandLine = Wskemu.commandLine(System.in, args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** As {@link #run}, with {@code stdin} as standard input ({@code run -}). */
    static Result runWithInput(byte[] stdin, String... args) {
        CommandLine commandLine = Wskemu.commandLine(new java.io.ByteArrayInputStream(stdin), args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** As {@link #run}, asserting exit 0 and an empty stderr. */
    static Result ok(String... args) {
        Result result = run(args);
        assertEquals(0, result.exit(), result::toString);
        assertEquals("", result.err(), result::toString);
        return result;
    }

    /** Asserts the contract's error shape: exactly one line on stderr, no stack trace, nothing on stdout. */
    static void assertOneLineError(int exit, Result result) {
        assertEquals(exit, result.exit(), result::toString);
        assertEquals(1, result.errLines().size(), result::toString);
        assertFalse(result.err().contains("\tat ") || result.err().contains("Exception"), result::toString);
        assertEquals("", result.out(), result::toString);
    }

    /** Every line of some JSON-lines text, parsed. */
    static List<JsonNode> parseLines(String text) {
        return text.lines().map(Cli::parse).toList();
    }

    static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** The field names of a JSON object, in order. */
    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        return keys;
    }

    /** A string as a JSON string literal (quoted, escaped). */
    static String jsonString(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a session file of these lines. */
    static Path session(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Creates an empty store in {@code directory} as {@code run} would before its first call (a
     * command that only reads refuses a store that does not exist, so it cannot make one).
     */
    static Path emptyStore(Path directory) {
        H2Store.open(StoreLocation.directory(directory)).close();
        return directory;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
