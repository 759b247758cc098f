package org.wskemu.recording;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/**
 * Random mutations of the committed recordings (fixed seeds, so a failure repeats): whatever they do,
 * an import gives a session or one well-formed {@code capture[:LINE]: what} line, never another
 * exception, and never a control character in its output.
 */
@Tag("fuzz")
class ImportFuzzTest {

    private static final int ROUNDS = 600;
    private static final Pattern ERROR = Pattern.compile("capture(:\\d+)?: \\S[^\\n\\r]*");
    private static final String ALPHABET = "<>/=\"'&;!?[]{}(), :.0123456789abcdefxX-_#\u0000\u0001\u001b\u202e\u00e9\ud83d\ude00\n";
    private static final String[] PIECES = {
        "<!DOCTYPE Events [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", "&x;", "&amp;", "<![CDATA[x]]>",
        "<Data Name=\"Address\">0x1700</Data>", "<EventID>1030</EventID>", "0xFFFFFFFFFFFFFFFFFF", "-1", "9".repeat(40),
        "0160:0164:trace:winsock:bind failed, status 0xc0000043.\n", "0160:0164:trace:winsock:closesocket 0x30\n",
        "family AF_INET6, address ::ffff:1.2.3.4, flow label 0, port 0, scope 7", "(" + "9".repeat(30) + ")"};

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"WINE, wine/retry.trace, 11", "WINE, wine/dualstack.trace, 12",
            "TRACERPT_XML, tracerpt/afd-race-exclusive.xml, 13", "TRACERPT_XML, tracerpt/sockets-dualstack.xml, 14",
            "TRACERPT_XML, tracerpt/tcpip-retry.xml, 15"})
    void mutatedRecordingsGiveASessionOrOneLine(Format format, String fixture, long seed) throws Exception {
        String original = Files.readString(Path.of("src", "test", "resources").resolve(fixture), StandardCharsets.UTF_8);
        Random random = new Random(seed);
        int sessions = 0;
        int errors = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String text = original;
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                text = mutate(text, random);
            }
            try {
                StringWriter out = new StringWriter();
                Importer.of(format).read("capture", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                        ImportOptions.NONE).writeTo(out);
                assertFalse(out.toString().chars().anyMatch(c -> c != '\n'
                        && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)), out::toString);
                sessions++;
            } catch (ImportException e) {
                assertTrue(ERROR.matcher(e.getMessage()).matches(), e.getMessage());
                errors++;
            }
        }
        // The mutations must reach both outcomes, or the test tests nothing.
        assertTrue(sessions > 20, "sessions: " + sessions);
        assertTrue(errors > 20, "errors: " + errors);
    }

    private static String mutate(String text, Random random) {
        int at = random.nextInt(text.length() + 1);
        switch (random.nextInt(4)) {
            case 0:
                return text.substring(0, at) + ALPHABET.charAt(random.nextInt(ALPHABET.length())) + text.substring(at);
            case 1:
                return at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
            case 2:
                return text.substring(0, at) + PIECES[random.nextInt(PIECES.length)] + text.substring(at);
            default:
                return text.substring(0, at); // cut short, as a crashed recorder leaves it
        }
    }
}
