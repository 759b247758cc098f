package org.wskemu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC.md 6a: IPv4-mapped addresses, RFC 5952 section 5 mixed notation; host addresses (SPEC.md 2). */
class MappedAddressTest {

    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [::ffff:127.0.0.1]:80    | 127.0.0.1:80
            [::FFFF:7f00:1]:80       | 127.0.0.1:80
            [::ffff:0.0.0.0]:0       | 0.0.0.0:0
            [0:0:0:0:0:ffff:10.0.0.5]:443 | 10.0.0.5:443
            """)
    void aMappedAddressNamesItsIpv4AddressAndPrintsInMixedNotation(String text, String ipv4) {
        TransportAddress mapped = TransportAddress.parse(text);

        assertTrue(mapped.isIpv4Mapped());
        assertEquals(TransportAddress.parse(ipv4), mapped.ipv4());
        assertEquals("[::ffff:" + mapped.ipv4().host() + "]:" + mapped.port(), mapped.toString());
        assertEquals(mapped, TransportAddress.parse(mapped.toString()));
    }

    @ParameterizedTest(name = "{0} is not mapped")
    @CsvSource({"[::1]:80", "[::]:80", "0.0.0.0:80", "[::fffe:1.2.3.4]:80", "[1::ffff:1.2.3.4]:80"})
    void otherAddressesAreNotMapped(String text) {
        TransportAddress address = TransportAddress.parse(text);

        assertFalse(address.isIpv4Mapped());
        assertThrows(IllegalStateException.class, address::ipv4);
    }

    @ParameterizedTest(name = "{0} loopback: {1}")
    @CsvSource({"127.0.0.1:80, true", "127.255.0.9:80, true", "128.0.0.1:80, false", "[::1]:80, true",
            "[::2]:80, false", "[::ffff:127.0.0.1]:80, true", "[::ffff:10.0.0.1]:80, false"})
    void loopbackIs127Slash8AndColonColon1(String text, boolean loopback) {
        assertEquals(loopback, TransportAddress.parse(text).isLoopback());
    }

    @Test
    void aHostAddressDeclaresItsIpv4FormWhenMapped() {
        assertEquals(HostAddress.parse("10.0.0.5"), HostAddress.parse("::ffff:10.0.0.5"));
        assertEquals(AddressFamily.INET6, HostAddress.parse("2001:DB8::1").family());
        assertEquals("2001:db8::1", HostAddress.parse("2001:DB8::1").toString());
        assertThrows(IllegalArgumentException.class, () -> HostAddress.parse("10.0.0.256"));
        assertThrows(IllegalArgumentException.class, () -> HostAddress.parse("10.0.0.5:80"));
        assertThrows(IllegalArgumentException.class, () -> HostAddress.parse("[::1]"));
    }
}
