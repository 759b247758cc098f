package org.wskemu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TransportAddressTest {

    @Nested
    class Parsing {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', textBlock = """
                0.0.0.0:80                                   | 0.0.0.0:80               | INET  | 80
                127.0.0.1:8080                               | 127.0.0.1:8080           | INET  | 8080
                10.0.0.1:0                                   | 10.0.0.1:0               | INET  | 0
                255.255.255.255:65535                        | 255.255.255.255:65535    | INET  | 65535
                [::]:80                                      | [::]:80                  | INET6 | 80
                [::1]:0                                      | [::1]:0                  | INET6 | 0
                [0:0:0:0:0:0:0:0]:65535                      | [::]:65535               | INET6 | 65535
                [0:0:0:0:0:0:0:1]:80                         | [::1]:80                 | INET6 | 80
                [0000:0000:0000:0000:0000:0000:0000:0001]:80 | [::1]:80                 | INET6 | 80
                [FE80::ABCD]:443                             | [fe80::abcd]:443         | INET6 | 443
                [2001:0DB8::0001]:80                         | [2001:db8::1]:80         | INET6 | 80
                [1::]:80                                     | [1::]:80                 | INET6 | 80
                [2001:db8:0:1:1:1:1:1]:80                    | [2001:db8:0:1:1:1:1:1]:80 | INET6 | 80
                [2001:db8:0:0:1:0:0:1]:80                    | [2001:db8::1:0:0:1]:80   | INET6 | 80
                [1:0:0:2:0:0:0:3]:80                         | [1:0:0:2::3]:80          | INET6 | 80
                [::ffff:192.0.2.1]:80                        | [::ffff:192.0.2.1]:80    | INET6 | 80
                [0:0:0:0:0:FFFF:1.2.3.4]:80                  | [::ffff:1.2.3.4]:80      | INET6 | 80
                [::ffff:c000:201]:80                         | [::ffff:192.0.2.1]:80    | INET6 | 80
                [::1.2.3.4]:80                               | [::102:304]:80           | INET6 | 80
                [1:2:3:4:5:6:7:8]:65535                      | [1:2:3:4:5:6:7:8]:65535  | INET6 | 65535
                """)
        void validTextParsesToItsCanonicalForm(String text, String canonical, AddressFamily family, int port) {
            TransportAddress address = TransportAddress.parse(text);

            assertEquals(canonical, address.toString());
            assertEquals(family, address.family());
            assertEquals(port, address.port());
            assertEquals(address, TransportAddress.parse(canonical), "the canonical text parses back to an equal address");
        }

        @ParameterizedTest(name = "{0} equals {1}")
        @CsvSource(delimiter = '|', textBlock = """
                [0:0:0:0:0:0:0:1]:80        | [::1]:80
                [::0:1]:80                  | [::1]:80
                [FE80::1]:80                | [fe80::1]:80
                [fe80:0:0:0:0:0:0:1]:80     | [FE80::0001]:80
                [::ffff:127.0.0.1]:80       | [::FFFF:7F00:1]:80
                """)
        void twoSpellingsOfOneAddressAreEqual(String one, String other) {
            assertEquals(TransportAddress.parse(one), TransportAddress.parse(other));
            assertEquals(TransportAddress.parse(one).hashCode(), TransportAddress.parse(other).hashCode());
        }

        @Test
        void portWithLeadingZerosIsReadAsDecimal() {
            // The code accepts up to five decimal digits, leading zeros included (no octal reading).
            assertEquals(TransportAddress.parse("1.2.3.4:80"), TransportAddress.parse("1.2.3.4:080"));
            assertEquals("1.2.3.4:80", TransportAddress.parse("1.2.3.4:00080").toString());
        }

        static Stream<Arguments> invalid() {
            return Stream.of(
                    Arguments.of("empty string", "", "address is empty"),
                    Arguments.of("text over 64 characters", "1.2.3.4:" + "1".repeat(57), "longer than 64 characters"),
                    Arguments.of("64 characters are read, not refused for length", "1.2.3.4:" + "1".repeat(56),
                            "is not a number from 0 to 65535"),
                    Arguments.of("missing port", "1.2.3.4", "missing ':port'"),
                    Arguments.of("empty port", "1.2.3.4:", "port '' is not a number"),
                    Arguments.of("port 65536", "1.2.3.4:65536", "port 65536 is outside 0-65535"),
                    Arguments.of("port 99999", "1.2.3.4:99999", "port 99999 is outside 0-65535"),
                    Arguments.of("six-digit port", "1.2.3.4:100000", "port '100000' is not a number"),
                    Arguments.of("negative port", "1.2.3.4:-1", "port '-1' is not a number"),
                    Arguments.of("signed port", "1.2.3.4:+80", "port '+80' is not a number"),
                    Arguments.of("hex port", "1.2.3.4:0x50", "port '0x50' is not a number"),
                    Arguments.of("trailing space", "1.2.3.4:80 ", "port '80 ' is not a number"),
                    Arguments.of("octet 256", "256.1.1.1:80", "octet 256 is over 255"),
                    Arguments.of("leading-zero octet", "01.2.3.4:80", "octet '01' has a leading zero"),
                    Arguments.of("octal-looking octet", "1.2.3.010:80", "octet '010' has a leading zero"),
                    Arguments.of("three octets", "1.2.3:80", "expected four decimal octets"),
                    Arguments.of("five octets", "1.2.3.4.5:80", "expected four decimal octets"),
                    Arguments.of("empty octet", "1..3.4:80", "octet '' is not a decimal number"),
                    Arguments.of("leading space", " 1.2.3.4:80", "octet ' 1' is not a decimal number"),
                    Arguments.of("negative octet", "1.2.-3.4:80", "octet '-3' is not a decimal number"),
                    Arguments.of("hostname", "localhost:80", "'localhost' is not an IPv4 address"),
                    Arguments.of("dotted hostname", "example.org:80", "'example.org' is not an IPv4 address"),
                    Arguments.of("bracketed hostname", "[localhost]:80", "'localhost' is not an IPv6 address"),
                    Arguments.of("IPv6 without brackets", "::1:80", "must be written in brackets"),
                    Arguments.of("IPv6 without brackets or port", "fe80::1", "must be written in brackets"),
                    Arguments.of("missing ]", "[::1:80", "missing ']'"),
                    Arguments.of("missing port after ]", "[::1]", "missing ':port' after ']'"),
                    Arguments.of("no colon after ]", "[::1]80", "missing ':port' after ']'"),
                    Arguments.of("empty IPv6 port", "[::1]:", "port '' is not a number"),
                    Arguments.of("IPv6 port 65536", "[::1]:65536", "port 65536 is outside 0-65535"),
                    Arguments.of("empty brackets", "[]:80", "'' is not an IPv6 address (empty)"),
                    Arguments.of("two ::", "[1::2::3]:80", "'::' may appear only once"),
                    Arguments.of(":::", "[:::]:80", "'::' may appear only once"),
                    Arguments.of("9 groups", "[1:2:3:4:5:6:7:8:9]:80", "too many groups"),
                    Arguments.of("7 groups", "[1:2:3:4:5:6:7]:80", "expected 8 groups, found 7"),
                    Arguments.of(":: standing for no group", "[1:2:3:4::5:6:7:8]:80", "too many groups for '::'"),
                    Arguments.of("group of 5 hex digits", "[12345::1]:80", "group '12345' is not 1 to 4 hex digits"),
                    Arguments.of("non-hex group", "[::g]:80", "group 'g' is not 1 to 4 hex digits"),
                    Arguments.of("leading single colon", "[:1:2:3:4:5:6:7]:80", "group '' is not 1 to 4 hex digits"),
                    Arguments.of("trailing single colon", "[1::2:]:80", "group '' is not 1 to 4 hex digits"),
                    Arguments.of("zone id", "[fe80::1%eth0]:80", "zone ids are not supported"),
                    Arguments.of("numeric zone id", "[fe80::1%1]:80", "zone ids are not supported"),
                    Arguments.of("bad embedded IPv4", "[::ffff:1.2.3.256]:80", "bad embedded IPv4 part '1.2.3.256'"),
                    Arguments.of("embedded IPv4 not last", "[::1.2.3.4:1]:80", "group '1.2.3.4' is not 1 to 4 hex digits"),
                    Arguments.of("IPv4 in brackets", "[1.2.3.4]:80", "expected 8 groups, found 2"),
                    Arguments.of("full-width digit in a group", "[::\uFF11]:80", "is not 1 to 4 hex digits"),
                    Arguments.of("Arabic-Indic digit in a group", "[::\u0661]:80", "is not 1 to 4 hex digits"),
                    Arguments.of("full-width letter in a group", "[::\uFF21]:80", "is not 1 to 4 hex digits"));
        }

        @ParameterizedTest(name = "{0}: \"{1}\" is refused")
        @MethodSource("invalid")
        void invalidTextIsRefusedWithAMessageNamingTheProblem(String problem, String text, String expectedMessage) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TransportAddress.parse(text));

            assertTrue(error.getMessage().contains(expectedMessage),
                    () -> "message '" + error.getMessage() + "' should contain '" + expectedMessage + "'");
        }

        @ParameterizedTest(name = "\"{0}\": {1}")
        @CsvSource(delimiter = '|', value = {
            "1.2.3.4|missing ':port'",
            "1.2.3.4:x|port 'x' is not a number from 0 to 65535",
            "::1:80|an IPv6 address must be written in brackets, e.g. [::1]:80",
            "1.2.3:80|'1.2.3' is not an IPv4 address (expected four decimal octets a.b.c.d)",
            "''|address is empty (expected a.b.c.d:port or [v6]:port)",
        })
        void aRefusalCarriesItsReasonWithoutTheTextItNames(String text, String reason) {
            TransportAddressException error = assertThrows(TransportAddressException.class, () -> TransportAddress.parse(text));

            assertEquals(reason, error.reason());
            assertTrue(error.getMessage().endsWith(reason), error::getMessage);
        }
    }

    @Nested
    class Construction {

        @Test
        void wildcardOfEachFamilyIsTheAllZeroAddress() {
            assertEquals("0.0.0.0:80", TransportAddress.wildcard(AddressFamily.INET, 80).toString());
            assertEquals("[::]:443", TransportAddress.wildcard(AddressFamily.INET6, 443).toString());
        }

        @ParameterizedTest(name = "{0} {1} is not canonical")
        @CsvSource({"INET6, ::0001", "INET6, 0:0:0:0:0:0:0:1", "INET6, FE80::1", "INET6, ::ffff:102:304"})
        void constructorRefusesAHostNotInCanonicalForm(AddressFamily family, String host) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new TransportAddress(family, host, 80));
            assertTrue(error.getMessage().contains("not in canonical form"), error.getMessage());
        }

        @ParameterizedTest(name = "{0} {1} is no address of that family")
        @CsvSource({"INET, ::1", "INET6, 1.2.3.4", "INET, 1.2.3.04"})
        void constructorRefusesAHostOfTheWrongFamily(AddressFamily family, String host) {
            assertThrows(IllegalArgumentException.class, () -> new TransportAddress(family, host, 80));
        }

        @ParameterizedTest(name = "port {0}")
        @CsvSource({"-1", "65536", "2147483647"})
        void constructorRefusesAPortOutsideTheRange(int port) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new TransportAddress(AddressFamily.INET, "1.2.3.4", port));
            assertEquals("port " + port + " is outside 0-65535", error.getMessage());
        }

        @Test
        void withPortKeepsTheHostAndChecksThePort() {
            TransportAddress address = TransportAddress.parse("[::1]:0");

            assertEquals(TransportAddress.parse("[::1]:49152"), address.withPort(49152));
            assertThrows(IllegalArgumentException.class, () -> address.withPort(65536));
        }

        @ParameterizedTest(name = "{0} asks for an ephemeral port: {1}")
        @CsvSource({"0.0.0.0:0, true", "[::1]:0, true", "0.0.0.0:1, false", "10.0.0.1:49152, false"})
        void onlyPortZeroIsAnEphemeralRequest(String text, boolean ephemeral) {
            assertEquals(ephemeral, TransportAddress.parse(text).isEphemeralRequest());
        }
    }

    @Nested
    class Kind {

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({
            "0.0.0.0:80,        WILDCARD",
            "[::]:80,           WILDCARD",
            "[0:0:0:0:0:0:0:0]:0, WILDCARD",
            "0.0.0.1:80,        SPECIFIC",
            "127.0.0.1:80,      SPECIFIC",
            "255.255.255.255:80, SPECIFIC",
            "[::1]:80,          SPECIFIC",
            "[::ffff:0.0.0.0]:80, WILDCARD",
            "[::ffff:127.0.0.1]:80, SPECIFIC",
        })
        // SPEC.md 6a.2: [::ffff:0.0.0.0] is the IPv4 wildcard
        void onlyTheAllZeroAddressIsTheWildcard(String text, AddressKind kind) {
            TransportAddress address = TransportAddress.parse(text);

            assertEquals(kind, address.kind());
            assertEquals(kind == AddressKind.WILDCARD, address.isWildcard());
        }
    }

    @Nested
    class Overlap {

        @ParameterizedTest(name = "{0} and {1} overlap: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                0.0.0.0:80       | 0.0.0.0:80         | true
                0.0.0.0:80       | 10.0.0.1:80        | true
                10.0.0.1:80      | 0.0.0.0:80         | true
                10.0.0.1:80      | 10.0.0.1:80        | true
                [::]:80          | [::]:80            | true
                [::]:80          | [::1]:80           | true
                [::1]:80         | [::]:80            | true
                [::1]:80         | [0:0:0:0:0:0:0:1]:80 | true
                10.0.0.1:80      | 10.0.0.2:80        | false
                [::1]:80         | [::2]:80           | false
                0.0.0.0:80       | 0.0.0.0:81         | false
                10.0.0.1:80      | 10.0.0.1:81        | false
                0.0.0.0:80       | 10.0.0.1:81        | false
                0.0.0.0:80       | [::]:80            | false
                [::]:80          | 10.0.0.1:80        | false
                127.0.0.1:80     | [::ffff:127.0.0.1]:80 | false
                """)
        void overlapFollowsTheWdkRulesAndIsSymmetric(String one, String other, boolean overlaps) {
            TransportAddress a = TransportAddress.parse(one);
            TransportAddress b = TransportAddress.parse(other);

            assertEquals(overlaps, a.overlaps(b), one + " overlaps " + other);
            assertEquals(overlaps, b.overlaps(a), other + " overlaps " + one);
        }

        @Test
        void twoDifferentSpecificAddressesOnOnePortNeverOverlap() {
            TransportAddress first = TransportAddress.parse("192.168.1.1:80");

            assertFalse(first.overlaps(TransportAddress.parse("192.168.1.2:80")));
            assertTrue(first.overlaps(TransportAddress.parse("192.168.1.1:80")));
        }
    }
}
