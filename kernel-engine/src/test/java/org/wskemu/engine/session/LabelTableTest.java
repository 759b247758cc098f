package org.wskemu.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LabelTable} answers as a {@code HashMap<String, Long>} does, whatever the labels. */
class LabelTableTest {

    @Test
    void itAnswersAsAHashMap() {
        Random random = new Random(15);
        LabelTable table = new LabelTable();
        Map<String, Long> expected = new HashMap<>();
        String[] alphabets = {"abc", "s0123456789", "\u00e9\u00ff", "\u4e2d\ud83d\ude00x", "\u0000\u0100"};
        for (int i = 0; i < 200_000; i++) {
            String alphabet = alphabets[random.nextInt(alphabets.length)];
            int length = random.nextInt(i % 1000 == 0 ? 3_000_000 / 1000 : 9);
            StringBuilder label = new StringBuilder();
            for (int c = 0; c < length; c++) {
                label.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String key = label.toString();
            long value = random.nextLong();
            if (random.nextInt(3) == 0) {
                assertEquals(expected.containsKey(key), table.contains(key), key);
                assertEquals(expected.getOrDefault(key, -7L), table.get(key, -7L), key);
            } else {
                table.put(key, value);
                expected.put(key, value);
            }
        }
        assertEquals(expected.size(), table.size());
        expected.forEach((key, value) -> assertEquals(value, table.get(key, -7L), key));
        assertFalse(table.contains("never put"));
    }

    @Test
    void aLabelLongerThanAPageIsKeptWhole() {
        LabelTable table = new LabelTable();
        String longLabel = "x".repeat(3 << 20);
        String wide = "\u4e2d".repeat(1 << 20);
        table.put("a", 1);
        table.put(longLabel, 2);
        table.put("b", 3);
        table.put(wide, 4);
        table.put("c", 5);
        assertEquals(1, table.get("a", 0));
        assertEquals(2, table.get(longLabel, 0));
        assertEquals(3, table.get("b", 0));
        assertEquals(4, table.get(wide, 0));
        assertEquals(5, table.get("c", 0));
        assertTrue(table.contains(longLabel));
        assertFalse(table.contains(longLabel + "y"));
    }
}
