package org.wskemu.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlInput;
import org.wskemu.api.ControlType;
import org.wskemu.api.ExpectedStatus;
import org.wskemu.api.HostAddress;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;

/** SESSION-FORMAT.md as extended for issue #12: host lines, IPV6_V6ONLY, any NTSTATUS and Winsock errors in expect. */
class SessionFormatExtensionsTest {

    private static final String PROCESS = "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}";
    private static final String SOCKET = "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet6\",\"process\":4}";

    private static SessionCall last(String... lines) {
        SessionFile file = SessionFile.parse("t.wsk.jsonl", List.of(lines));
        assertEquals(List.of(), file.faults());
        return file.calls().get(file.calls().size() - 1);
    }

    @Test
    void aHostLineDeclaresAddressesAMappedOneAsItsIpv4() {
        SessionCall call = last("{\"op\":\"host\",\"addresses\":[\"10.0.0.5\",\"2001:DB8::1\",\"::ffff:192.0.2.7\"]}");

        assertEquals(new SessionCall.DeclareHost(1, List.of(HostAddress.parse("10.0.0.5"),
                HostAddress.parse("2001:db8::1"), HostAddress.parse("192.0.2.7")), null), call);
    }

    @Test
    void ipv6V6onlyDefaultsToItsOwnLevel() {
        SessionCall set = last(PROCESS, SOCKET, "{\"op\":\"set\",\"socket\":\"a\",\"option\":\"IPV6_V6ONLY\",\"value\":0}");
        SessionCall get = last(PROCESS, SOCKET,
                "{\"op\":\"get\",\"socket\":\"a\",\"option\":\"IPV6_V6ONLY\",\"level\":\"IPPROTO_IPV6\",\"outputSize\":1,\"expectValue\":1}");

        assertEquals(new ControlRequest(ControlType.SET, OptionCode.IPV6_V6ONLY, OptionLevel.IPPROTO_IPV6, 4, 0, ControlInput.ulong(0)),
                ((SessionCall.Control) set).request());
        assertEquals(new ControlRequest(ControlType.GET, OptionCode.IPV6_V6ONLY, OptionLevel.IPPROTO_IPV6, 0, 1, ControlInput.NONE),
                ((SessionCall.Control) get).request());
        assertEquals(1, ((SessionCall.Control) get).expectValue());
    }

    @Test
    void aKnownOptionMayStillBeGivenAnotherLevel() {
        SessionCall set = last(PROCESS, SOCKET,
                "{\"op\":\"set\",\"socket\":\"a\",\"option\":\"IPV6_V6ONLY\",\"level\":\"SOL_SOCKET\",\"value\":1,\"inputSize\":1}");

        assertEquals(new ControlRequest(ControlType.SET, OptionCode.IPV6_V6ONLY, OptionLevel.SOL_SOCKET, 1, 0, ControlInput.ulong(1)),
                ((SessionCall.Control) set).request());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "STATUS_SHARING_VIOLATION"  | STATUS_SHARING_VIOLATION
            "0xC0000207"                | STATUS_INVALID_ADDRESS_COMPONENT
            "0xc0001234"                | 0xC0001234
            "WSAEADDRINUSE"             | WSAEADDRINUSE
            10048                       | WSAEADDRINUSE
            0                           | NO_ERROR
            "NO_ERROR"                  | NO_ERROR
            "10013"                     | WSAEACCES
            """)
    void expectTakesAnyNtstatusOrAWinsockError(String json, String normalised) {
        SessionCall close = last(PROCESS, SOCKET, "{\"op\":\"close\",\"socket\":\"a\",\"expect\":" + json + "}");

        ExpectedStatus expect = close.expect();
        assertEquals(normalised, expect.text());
    }
}
