package org.wskemu.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile SDDL (Jazzer). {@link Sddl#parse} answers a descriptor or an {@link SddlException}, never
 * anything else, and allocates in proportion to its input; an accepted string prints to a canonical
 * one that parses back to the same descriptor.
 *
 * <p>{@code mvn test} runs the seed corpus under {@code SddlFuzzTestInputs/} as plain tests (each
 * under JUnit's 10 s timeout). Fuzzing for real, where the same {@code @Timeout} becomes libFuzzer's
 * per-input {@code -timeout} (JUnit's own enforcement is switched off, or it would time the whole
 * fuzzing run): {@code JAZZER_FUZZ=1 mvn test -pl security -Dtest='SddlFuzzTest#parse*'
 * -Djunit.jupiter.execution.timeout.mode=disabled -Djazzer.hooks=true} (RELIABILITY.md).
 */
@Tag("fuzz")
class SddlFuzzTest {

    @FuzzTest(maxDuration = "10m")
    @Timeout(10) // per input: Jazzer hands JUnit's timeout to libFuzzer as -timeout
    void parseAnswersADescriptorOrSddlException(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Allocation.measured(text.length(), Allocation.excerpt(text), () -> parseOrRefuse(text));
        SecurityDescriptor parsed;
        try {
            parsed = Sddl.parse(text);
        } catch (SddlException refused) {
            assertTrue(refused.getMessage().startsWith("SDDL: "), refused.getMessage());
            assertTrue(refused.offset() >= 0 && refused.offset() <= Math.max(text.length(), Sddl.MAX_LENGTH),
                    () -> "offset " + refused.offset() + " of " + text.length());
            return;
        }
        String canonical = Sddl.print(parsed);
        assertEquals(parsed, Sddl.parse(canonical), canonical);
        assertEquals(canonical, Sddl.print(Sddl.parse(canonical)));
    }

    private static void parseOrRefuse(String text) {
        try {
            Sddl.parse(text);
        } catch (SddlException refused) {
            // measured all the same
        }
    }

    @Test
    void descriptorOverTheLimitIsRefusedWithoutBeingRead() {
        String huge = "D:" + "(A;;GA;;;WD)".repeat(1_000_000);
        assertThrows(SddlException.class, () -> Sddl.parse(huge)); // classes loaded

        long before = Allocation.ofThisThread();
        SddlException refused = assertThrows(SddlException.class, () -> Sddl.parse(huge));

        long allocated = Allocation.ofThisThread() - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes while refusing");
        assertTrue(refused.getMessage().startsWith("SDDL: descriptor too long: " + huge.length() + " characters"),
                refused.getMessage());
    }
}
