package org.wskemu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortKeyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tcp/inet/80,      TCP, INET,  80",
        "udp/inet/53,      UDP, INET,  53",
        "tcp/inet6/1,      TCP, INET6, 1",
        "udp/inet6/65535,  UDP, INET6, 65535",
        "tcp/inet/49152,   TCP, INET,  49152",
    })
    void parseAndPrintRoundTrip(String text, TransportProtocol protocol, AddressFamily family, int port) {
        PortKey key = PortKey.parse(text);

        assertEquals(new PortKey(protocol, family, port), key);
        assertEquals(text, key.toString());
        assertEquals(key, PortKey.parse(key.toString()));
    }

    @ParameterizedTest(name = "{0} over {1} -> {2}")
    @CsvSource({
        "0.0.0.0:80,       TCP, tcp/inet/80",
        "10.0.0.1:80,      TCP, tcp/inet/80",
        "[::1]:53,         UDP, udp/inet6/53",
        "[::]:65535,       TCP, tcp/inet6/65535",
    })
    void keyOfAnAddressIsItsProtocolFamilyAndPort(String address, TransportProtocol protocol, String expected) {
        assertEquals(PortKey.parse(expected), PortKey.of(protocol, TransportAddress.parse(address)));
    }

    @Test
    void portZeroIsNoPortKey() {
        IllegalArgumentException parsed = assertThrows(IllegalArgumentException.class, () -> PortKey.parse("tcp/inet/0"));
        assertEquals("port 0 is outside 1-65535", parsed.getMessage());

        assertThrows(IllegalArgumentException.class,
                () -> PortKey.of(TransportProtocol.TCP, TransportAddress.parse("0.0.0.0:0")));
        assertThrows(IllegalArgumentException.class, () -> new PortKey(TransportProtocol.UDP, AddressFamily.INET6, 0));
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            tcp/inet/65536     | port 65536 is outside 1-65535
            tcp/inet/-1        | port -1 is outside 1-65535
            tcp/inet/http      | 'http' is not a port
            tcp/inet/          | '' is not a port
            sctp/inet/80       | unknown protocol 'sctp'
            tcp/inet/080       | '080' is not a port
            tcp/inet7/80       | unknown address family 'inet7'
            tcp/inet           | is not protocol/family/port
            tcp/inet/80/1      | is not protocol/family/port
            tcp:inet:80        | is not protocol/family/port
            """)
    void malformedKeyIsRefusedNamingTheProblem(String text, String expectedMessage) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PortKey.parse(text));

        assertTrue(error.getMessage().contains(expectedMessage), error.getMessage());
    }
}
