package org.wskemu.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile session files (Jazzer, coverage-guided; {@link SessionFileFuzzTest} mutates the contract's
 * example at random). Whatever the bytes, reading never throws: it gives calls in line order, or
 * faults in the documented {@code FILE:LINE: what is wrong} form, one short line each, in line
 * order, never both; at most {@value SessionChecker#MAX_FAULTS} faults and a last one saying
 * checking stopped; and it allocates in proportion to its input.
 *
 * <p>{@code mvn test} runs the seed corpora under {@code SessionFileJazzerTestInputs/}; fuzzing for
 * real, one target at a time: {@code JAZZER_FUZZ=1 mvn test -pl kernel-engine -am -Dtest='SessionFileJazzerTest#lines*'
 * -Djunit.jupiter.execution.timeout.mode=disabled -Djazzer.hooks=true} (or {@code #bytes*}; RELIABILITY.md).
 */
@Tag("fuzz")
class SessionFileJazzerTest {

    private static final String NAME = "fuzz.wsk.jsonl";
    private static final Pattern FAULT = Pattern.compile(Pattern.quote(NAME) + ":(\\d+): (\\S[^\\n\\r\\u2028\\u2029]*)");
    private static final Pattern STOPPED = Pattern.compile(Pattern.quote(NAME)
            + ":\\d+: too many faults: checking stopped at this line \\(the first 1000 are shown\\)");

    /** The lines as a caller holding the text gives them ({@link SessionFile#parse}). */
    @FuzzTest(maxDuration = "10m")
    @Timeout(10) // per input: Jazzer hands JUnit's timeout to libFuzzer as -timeout
    void linesGiveCallsOrFaultsNeverAnException(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(text.split("\n", -1));
        Allocation.measured(text.length(), lines.size(), Allocation.excerpt(text), () -> SessionFile.parse(NAME, lines));

        SessionFile file = SessionFile.parse(NAME, lines);

        check(file, lines.size());
    }

    /** The bytes of a file as {@link SessionFile#read} has them: UTF-8 checked, LF or CRLF, a BOM. */
    @FuzzTest(maxDuration = "10m")
    @Timeout(10)
    void bytesGiveCallsOrFaultsNeverAnException(byte[] input) {
        int lines = 1;
        for (byte b : input) {
            lines += b == '\n' ? 1 : 0;
        }
        int lineCount = lines;
        Allocation.measured(input.length, lineCount, input.length + " bytes", () -> SessionFile.fromBytes(null, NAME, input));

        SessionFile file = SessionFile.fromBytes(null, NAME, input);

        check(file, lineCount);
    }

    private static void check(SessionFile file, int lineCount) {
        if (file.isValid()) {
            int previous = 0;
            for (SessionCall call : file.calls()) {
                assertTrue(call.line() > previous && call.line() <= lineCount, () -> "call at line " + call.line());
                previous = call.line();
            }
            return;
        }
        assertEquals(List.of(), file.calls(), "calls beside faults");
        List<String> faults = file.faults();
        assertTrue(faults.size() <= SessionChecker.MAX_FAULTS + 1, () -> faults.size() + " faults");
        int previous = 0;
        for (int index = 0; index < faults.size(); index++) {
            int i = index;
            String fault = faults.get(i);
            Matcher matcher = FAULT.matcher(fault);
            assertTrue(matcher.matches(), () -> "not FILE:LINE: message: " + fault);
            int line = Integer.parseInt(matcher.group(1));
            assertTrue(line >= previous && line <= lineCount, () -> "line " + line + " of " + lineCount + ": " + faults);
            assertTrue(matcher.group(2).length() <= FaultText.MAX_MESSAGE, () -> "long message: " + fault);
            assertTrue(matcher.group(2).chars().noneMatch(c -> c < 0x20 || c == 0x7F), () -> "control character: " + fault);
            boolean stopped = STOPPED.matcher(fault).matches();
            assertEquals(i == SessionChecker.MAX_FAULTS, stopped, () -> "fault " + i + ": " + fault);
            previous = line;
        }
    }

    @Test
    void aLineOverTheLimitIsAFaultAndIsNotParsed() {
        String huge = "{\"op\":\"close\",\"socket\":\"" + "a".repeat(10 * SessionChecker.MAX_LINE_LENGTH) + "\"}";
        List<String> lines = List.of(huge);
        SessionFile.parse(NAME, lines); // classes loaded

        long before = Allocation.ofThisThread();
        SessionFile file = SessionFile.parse(NAME, lines);

        long allocated = Allocation.ofThisThread() - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes while refusing");
        assertEquals(List.of(NAME + ":1: line is longer than 65536 characters"), file.faults());
    }
}
