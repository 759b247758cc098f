package org.wskemu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SharingOptionTest {

    @ParameterizedTest(name = "reuse {0}, exclusive {1} -> {2}")
    @CsvSource({"false, false, NONE", "true, false, SO_REUSEADDR", "false, true, SO_EXCLUSIVEADDRUSE"})
    void optionInForceFollowsTheFlags(boolean reuse, boolean exclusive, SharingOption expected) {
        assertEquals(expected, SharingOption.of(reuse, exclusive));
    }

    @Test
    void bothFlagsTogetherAreRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SharingOption.of(true, true));

        assertTrue(error.getMessage().contains("cannot both be enabled"), error.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
        "NONE,                NONE",
        "none,                NONE",
        "SO_REUSEADDR,        SO_REUSEADDR",
        "so_reuseaddr,        SO_REUSEADDR",
        "REUSE,               SO_REUSEADDR",
        "reuse,               SO_REUSEADDR",
        "SO_EXCLUSIVEADDRUSE, SO_EXCLUSIVEADDRUSE",
        "EXCL,                SO_EXCLUSIVEADDRUSE",
        "Excl,                SO_EXCLUSIVEADDRUSE",
    })
    void parsesNamesAndShortNamesInAnyCase(String text, SharingOption expected) {
        assertEquals(expected, SharingOption.parse(text));
    }

    @ParameterizedTest(name = "{0} is abbreviated {1}")
    @CsvSource({"NONE, NONE", "SO_REUSEADDR, REUSE", "SO_EXCLUSIVEADDRUSE, EXCL"})
    void shortNameIsTheTableAbbreviation(SharingOption option, String shortName) {
        assertEquals(shortName, option.shortName());
        assertEquals(option, SharingOption.parse(shortName));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "EXCLUSIVE", "SO_EXCL", "REUSEADDR", "both"})
    void unknownOptionIsRefusedNamingTheText(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SharingOption.parse(text));

        assertTrue(error.getMessage().startsWith("unknown sharing option '" + text + "'"), error.getMessage());
    }
}
