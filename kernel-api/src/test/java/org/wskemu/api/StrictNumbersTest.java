package org.wskemu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers and names in session files are ASCII: look-alike Unicode digits and letters are refused. */
class StrictNumbersTest {

    @ParameterizedTest(name = "option \"{0}\" is refused")
    @ValueSource(strings = {"\uFF14", "\u0664", "0x+4", "+4", "--5", "-0x5", "0x", "99999999999"})
    void optionNumbersAreAsciiOnly(String text) {
        assertThrows(IllegalArgumentException.class, () -> OptionCode.parse(text));
    }

    @Test
    void negativeDecimalOptionIsTheCSignedValue() {
        assertEquals(OptionCode.SO_EXCLUSIVEADDRUSE, OptionCode.parse("-5"));
        assertEquals(OptionCode.SO_EXCLUSIVEADDRUSE, OptionCode.parse("4294967291"));
        assertEquals(OptionLevel.SOL_SOCKET, OptionLevel.parse("65535"));
    }

    @ParameterizedTest(name = "status \"{0}\" is refused")
    @ValueSource(strings = {"\u017Fuccess", "ACCESS_DEN\u0130ED", "0x+C0000022", "0x\uFF10", "STATUS_"})
    void statusNamesAndHexAreAsciiOnly(String text) {
        assertThrows(IllegalArgumentException.class, () -> NtStatus.parse(text));
    }

    @ParameterizedTest(name = "port key \"{0}\" is refused")
    @ValueSource(strings = {"tcp/inet/\u0668\u0660", "tcp/inet/+80", "tcp/inet/080"})
    void portKeysAreCanonical(String text) {
        assertThrows(IllegalArgumentException.class, () -> PortKey.parse(text));
    }

    @Test
    void protocolAndFamilyOfAPortKeyIgnoreCase() {
        assertEquals(PortKey.parse("tcp/inet/80"), PortKey.parse("TCP/INET/80"));
    }
}
