package org.wskemu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionCodeTest {

    @Nested
    class Codes {

        @Test
        void theOptionsHaveTheDocumentedCodes() {
            // SPEC.md 5
            assertEquals(0x0004, OptionCode.SO_REUSEADDR.code());
            assertEquals(0xFFFFFFFB, OptionCode.SO_EXCLUSIVEADDRUSE.code());
            assertEquals(~0x0004, OptionCode.SO_EXCLUSIVEADDRUSE.code());
            assertEquals(0x4001, OptionCode.SO_WSK_SECURITY.code());
        }

        @Test
        void solSocketIs0xFFFF() {
            assertEquals(0xFFFF, OptionLevel.SOL_SOCKET.value());
            assertEquals("SOL_SOCKET", OptionLevel.SOL_SOCKET.toString());
        }

        @ParameterizedTest(name = "{0}: sharing {1}, known {2}, shown as {3}")
        @CsvSource({
            "0x0004,     true,  true,  SO_REUSEADDR",
            "0xFFFFFFFB, true,  true,  SO_EXCLUSIVEADDRUSE",
            "0x4001,     false, true,  SO_WSK_SECURITY",
            "0x1004,     false, false, 0x00001004",
            "0x0,        false, false, 0x00000000",
        })
        void classificationAndDisplayName(String text, boolean sharing, boolean known, String shown) {
            OptionCode code = OptionCode.parse(text);

            assertEquals(sharing, code.isSharingOption());
            assertEquals(known, code.isKnown());
            assertEquals(shown, code.displayName());
            assertEquals(shown, code.toString());
        }
    }

    @Nested
    class Parsing {

        @ParameterizedTest(name = "\"{0}\" -> {1}")
        @CsvSource({
            "SO_REUSEADDR,        0x00000004",
            "so_reuseaddr,        0x00000004",
            "SO_EXCLUSIVEADDRUSE, 0xFFFFFFFB",
            "So_ExclusiveAddrUse, 0xFFFFFFFB",
            "SO_WSK_SECURITY,     0x00004001",
            "4,                   0x00000004",
            "16385,               0x00004001",
            "-5,                  0xFFFFFFFB",
            "0x4,                 0x00000004",
            "0X0004,              0x00000004",
            "0xfffffffb,          0xFFFFFFFB",
            "0xFFFFFFFB,          0xFFFFFFFB",
            "0x4001,              0x00004001",
            "0x1234,              0x00001234",
            "4660,                0x00001234",
        })
        void parsesNamesDecimalAndHexNumbers(String text, String expectedHex) {
            int expected = Integer.parseUnsignedInt(expectedHex.substring(2), 16);

            assertEquals(new OptionCode(expected), OptionCode.parse(text));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"SO_REUSEADDR", "SO_EXCLUSIVEADDRUSE", "SO_WSK_SECURITY", "0x00001004"})
        void displayNameParsesBack(String text) {
            OptionCode code = OptionCode.parse(text);

            assertEquals(code, OptionCode.parse(code.displayName()));
        }

        @ParameterizedTest(name = "\"{0}\" is refused")
        @ValueSource(strings = {"", "SO_REUSE", "REUSEADDR", "SO_KEEPALIVE", "0x", "0xG", "4.0", "four",
                "0x100000000", "4294967296", " 4"})
        void garbageIsRefusedNamingTheText(String text) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> OptionCode.parse(text));

            assertTrue(error.getMessage().startsWith("unknown option '" + text + "'"), error.getMessage());
        }
    }

    @Nested
    class Levels {

        @ParameterizedTest(name = "\"{0}\" -> {1}")
        @CsvSource({"SOL_SOCKET, 65535", "sol_socket, 65535", "0xFFFF, 65535", "0xffff, 65535", "65535, 65535",
                "6, 6", "0x29, 41"})
        void parsesSolSocketAndNumbers(String text, int value) {
            assertEquals(new OptionLevel(value), OptionLevel.parse(text));
        }

        @Test
        void anotherLevelIsShownInHex() {
            assertEquals("0x6", OptionLevel.parse("6").displayName());
            assertFalse(OptionLevel.parse("6").equals(OptionLevel.SOL_SOCKET));
        }

        @Test
        void ipprotoIpv6IsLevel41AndIpv6V6onlyLivesThere() {
            assertEquals(OptionLevel.IPPROTO_IPV6, OptionLevel.parse("41"));
            assertEquals(OptionLevel.IPPROTO_IPV6, OptionLevel.parse("IPPROTO_IPV6"));
            assertEquals("IPPROTO_IPV6", OptionLevel.IPPROTO_IPV6.displayName());
            assertEquals(new OptionCode(27), OptionCode.parse("IPV6_V6ONLY"));
            assertEquals(OptionLevel.IPPROTO_IPV6, OptionCode.IPV6_V6ONLY.level());
            assertEquals(OptionLevel.SOL_SOCKET, OptionCode.SO_REUSEADDR.level());
            assertEquals("IPV6_V6ONLY", OptionCode.IPV6_V6ONLY.displayName());
        }

        @ParameterizedTest(name = "\"{0}\" is refused")
        @ValueSource(strings = {"", "SOL_TCP", "0x", "0xZZ", "socket"})
        void garbageIsRefusedNamingTheText(String text) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> OptionLevel.parse(text));

            assertTrue(error.getMessage().startsWith("unknown level '" + text + "'"), error.getMessage());
        }
    }
}
