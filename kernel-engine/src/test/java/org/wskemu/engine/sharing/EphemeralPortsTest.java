package org.wskemu.engine.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EphemeralPortsTest {

    @Test
    void theRangeIs49152To65535() {
        // SPEC.md 6.1
        assertEquals(49_152, EphemeralPorts.FIRST);
        assertEquals(65_535, EphemeralPorts.LAST);
    }

    @Test
    void lowestFreeIs49152WhenNothingIsTaken() {
        assertEquals(OptionalInt.of(49_152), EphemeralPorts.lowestFree(port -> false));
    }

    @Test
    void lowestFreeSkipsTakenPorts() {
        Set<Integer> taken = Set.of(49_152, 49_153, 49_155);

        assertEquals(OptionalInt.of(49_154), EphemeralPorts.lowestFree(taken::contains));
    }

    @Test
    void lowestFreeIgnoresPortsTakenBelowTheRange() {
        assertEquals(OptionalInt.of(49_152), EphemeralPorts.lowestFree(port -> port < 49_152));
    }

    @Test
    void theLastPortIsFoundWhenEveryOtherIsTaken() {
        assertEquals(OptionalInt.of(65_535), EphemeralPorts.lowestFree(port -> port != 65_535));
    }

    @Test
    void noneFreeGivesEmpty() {
        assertEquals(OptionalInt.empty(), EphemeralPorts.lowestFree(port -> true));
    }

    @Test
    void onlyPortsOfTheRangeAreAskedAbout() {
        List<Integer> asked = new ArrayList<>();

        EphemeralPorts.lowestFree(port -> asked.add(port));

        assertEquals(65_535 - 49_152 + 1, asked.size());
        assertEquals(49_152, asked.get(0));
        assertEquals(65_535, asked.get(asked.size() - 1));
        assertTrue(asked.stream().allMatch(EphemeralPorts::inRange));
    }

    @ParameterizedTest(name = "{0} in range: {1}")
    @CsvSource({"-1, false", "0, false", "1024, false", "49151, false", "49152, true", "50000, true",
            "65535, true", "65536, false"})
    void inRangeBounds(int port, boolean inRange) {
        assertEquals(inRange, EphemeralPorts.inRange(port));
    }
}
