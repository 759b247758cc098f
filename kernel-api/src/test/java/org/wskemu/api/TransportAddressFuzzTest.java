package org.wskemu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile addresses (Jazzer). {@link TransportAddress#parse} answers an address or an
 * {@link IllegalArgumentException}, never anything else, and allocates in proportion to its input;
 * an accepted address is canonical: it prints to a text that parses back to it.
 *
 * <p>{@code mvn test} runs the seed corpus under {@code TransportAddressFuzzTestInputs/}; fuzzing for
 * real: {@code JAZZER_FUZZ=1 mvn test -pl kernel-api -Dtest='TransportAddressFuzzTest#parse*'
 * -Djunit.jupiter.execution.timeout.mode=disabled -Djazzer.hooks=true} (RELIABILITY.md).
 */
@Tag("fuzz")
class TransportAddressFuzzTest {

    @FuzzTest(maxDuration = "10m")
    @Timeout(10) // per input: Jazzer hands JUnit's timeout to libFuzzer as -timeout
    void parseAnswersAnAddressOrIllegalArgumentException(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Allocation.measured(text.length(), Allocation.excerpt(text), () -> parseOrRefuse(text));
        TransportAddress address;
        try {
            address = TransportAddress.parse(text);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank());
            return;
        }
        assertTrue(text.length() <= TransportAddress.MAX_TEXT_LENGTH, text);
        assertTrue(address.port() >= 0 && address.port() <= TransportAddress.MAX_PORT);
        assertEquals(address, TransportAddress.parse(address.toString()), text);
        assertEquals(address.family() == AddressFamily.INET6, text.startsWith("["), text);
        // the canonical form is the record's own invariant: building it again must not throw
        assertEquals(address, new TransportAddress(address.family(), address.host(), address.port()));
    }

    private static void parseOrRefuse(String text) {
        try {
            TransportAddress.parse(text);
        } catch (IllegalArgumentException refused) {
            // measured all the same
        }
    }

    @Test
    void addressOverTheLimitIsRefusedWithoutBeingRead() {
        String huge = "[" + "1:".repeat(1_000_000) + "1]:80";
        assertThrows(IllegalArgumentException.class, () -> TransportAddress.parse(huge)); // classes loaded

        long before = Allocation.ofThisThread();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TransportAddress.parse(huge));

        long allocated = Allocation.ofThisThread() - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes while refusing");
        assertEquals("address is longer than " + TransportAddress.MAX_TEXT_LENGTH + " characters", refused.getMessage());
    }
}
