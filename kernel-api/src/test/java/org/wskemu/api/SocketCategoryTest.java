package org.wskemu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SocketCategoryTest {

    @ParameterizedTest(name = "{0}: flag {1}, protocol {2}")
    @CsvSource({
        // WDK "Winsock Kernel Socket Categories"; protocol: SPEC.md 2 [emulator choice]
        "basic,      0x0, ",
        "listen,     0x1, TCP",
        "connection, 0x2, TCP",
        "datagram,   0x4, UDP",
        "stream,     0x8, TCP",
    })
    void flagAndImpliedProtocol(String label, String flag, TransportProtocol protocol) {
        SocketCategory category = SocketCategory.parse(label);

        assertEquals(Integer.decode(flag), category.flag());
        assertEquals(Optional.ofNullable(protocol), category.protocol());
        assertEquals(protocol != null, category.canBind(), "only a category with a protocol can bind");
        assertEquals(label, category.label());
        assertEquals(label, category.toString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SocketCategory.class)
    void labelParsesBackInAnyCase(SocketCategory category) {
        assertEquals(category, SocketCategory.parse(category.label()));
        assertEquals(category, SocketCategory.parse(category.label().toUpperCase()));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "raw", "BASIC_SOCKET", "WSK_FLAG_LISTEN_SOCKET", "0x1", " listen"})
    void unknownCategoryIsRefusedNamingTheText(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SocketCategory.parse(text));

        assertTrue(error.getMessage().startsWith("unknown socket category '" + text + "'"), error.getMessage());
    }
}
