package org.wskemu.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of the contract's example (fixed seeds, so a failure repeats): whatever they do
 * to the text, reading it never throws; it gives calls, or faults in the documented form, in line
 * order, never both.
 */
@Tag("fuzz")
class SessionFileFuzzTest {

    private static final int ROUNDS = 2_000;
    private static final Pattern FAULT = Pattern.compile("runs/a\\.wsk\\.jsonl:(\\d+): \\S[^\\n\\r]*");
    private static final String ALPHABET = "{}[]\":,\\ -.0123456789eExaopSDG:();#\t\u00e9\u2028\ud83d\ude00\u0000\u0001";
    private static final String[] VALUES = {
        "null", "true", "false", "0", "-1", "4294967296", "1e400", "1.5", "\"\"", "[]", "{}", "[\"BU\",1]",
        "{\"user\":\"SY\"}", "\"0x4001\"", "\"S-1-\"", "\"D:(\"", "\"[::1]:80\"", "\"0.0.0.0:70000\"",
        "9".repeat(400), "\"" + "x".repeat(200) + "\"", "[".repeat(3000)};

    @Test
    void mutatedLinesNeverThrowAndGiveCallsOrWellFormedFaults() {
        Random random = new Random(20_240_601L);
        int valid = 0;
        int faulty = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<String> lines = new ArrayList<>(SessionExample.LINES);
            int mutated = 1 + random.nextInt(3);
            for (int m = 0; m < mutated; m++) {
                int index = random.nextInt(lines.size());
                lines.set(index, mutate(lines.get(index), random));
            }

            SessionFile file = SessionFile.parse(SessionExample.NAME, lines);

            if (file.isValid()) {
                valid++;
                assertTrue(file.calls().size() <= lines.size());
            } else {
                faulty++;
                assertEquals(List.of(), file.calls());
                checkFaults(file.faults(), lines);
            }
        }
        // The mutations must reach both outcomes, or the test tests nothing.
        assertTrue(valid > 50, "valid files: " + valid);
        assertTrue(faulty > 1_000, "faulty files: " + faulty);
    }

    @Test
    void mutatedBytesNeverThrowAndGiveCallsOrWellFormedFaults() {
        Random random = new Random(7L);
        byte[] example = (String.join("\n", SessionExample.LINES) + "\n").getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < ROUNDS / 8; round++) {
            byte[] bytes = example.clone();
            for (int m = 1 + random.nextInt(4); m > 0; m--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }

            SessionFile file = SessionFile.fromBytes(null, SessionExample.NAME, bytes);

            if (!file.isValid()) {
                assertEquals(List.of(), file.calls());
                checkFaults(file.faults(), null);
            }
        }
    }

    private static void checkFaults(List<String> faults, List<String> lines) {
        int previous = 0;
        for (String fault : faults) {
            var matcher = FAULT.matcher(fault);
            assertTrue(matcher.matches(), fault);
            int line = Integer.parseInt(matcher.group(1));
            assertTrue(line >= previous, "out of order: " + faults);
            assertTrue(lines == null || line <= lines.size(), fault);
            assertTrue(fault.length() < 600, fault);
            previous = line;
        }
    }

    private static String mutate(String line, Random random) {
        StringBuilder text = new StringBuilder(line);
        int at = text.length() == 0 ? 0 : random.nextInt(text.length());
        switch (random.nextInt(7)) {
            case 0 -> {
                if (text.length() > 0) {
                    text.deleteCharAt(at);
                }
            }
            case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            case 2 -> text.setLength(at);
            case 3 -> {
                int end = Math.min(text.length(), at + 1 + random.nextInt(12));
                text.insert(at, text.substring(at, end));
            }
            case 4 -> {
                // Replace the value after a random colon with another JSON value.
                int colon = text.indexOf(":", at);
                if (colon >= 0) {
                    int end = colon + 1;
                    while (end < text.length() && ",}".indexOf(text.charAt(end)) < 0) {
                        end++;
                    }
                    text.replace(colon + 1, end, VALUES[random.nextInt(VALUES.length)]);
                }
            }
            case 5 -> {
                // Rename a field by one letter, or add an unknown one.
                int quote = text.indexOf("\"", at);
                if (quote >= 0 && quote + 1 < text.length()) {
                    text.setCharAt(quote + 1, (char) ('a' + random.nextInt(26)));
                } else if (text.length() > 1) {
                    text.insert(1, "\"extra\":1,");
                }
            }
            default -> {
                // Swap two lines' worth of meaning: change the op.
                String[] ops = {"process", "thread", "socket", "set", "get", "bind", "close", "Bind", ""};
                int op = text.indexOf("\"op\":\"");
                if (op >= 0) {
                    int start = op + 6;
                    int end = text.indexOf("\"", start);
                    if (end > start) {
                        text.replace(start, end, ops[random.nextInt(ops.length)]);
                    }
                }
            }
        }
        return text.toString();
    }
}
