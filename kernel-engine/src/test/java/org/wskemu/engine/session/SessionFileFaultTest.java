package org.wskemu.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of malformed line, put after three good lines (process 4, thread 9 of process 4,
 * socket {@code a}), gives exactly the messages of its row, on line 4, and no call.
 */
class SessionFileFaultTest {

    private static final List<String> PREAMBLE = List.of(
            "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
            "{\"op\":\"thread\",\"tid\":9,\"pid\":4}",
            "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}");

    private static final String SOCKET_B = "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4,";
    private static final String SET_A = "{\"op\":\"set\",\"socket\":\"a\",";
    private static final String GET_A = "{\"op\":\"get\",\"socket\":\"a\",";
    private static final String BIND_A = "{\"op\":\"bind\",\"socket\":\"a\",\"address\":";
    private static final String CLOSE_A = "{\"op\":\"close\",\"socket\":\"a\",";

    static Stream<Arguments> malformedLines() {
        return Stream.of(
                // Not one JSON object
                row("bad JSON", "{\"op\":\"bind\",",
                        "not a JSON object: Unexpected end-of-input within/between Object entries"),
                row("unquoted key", "{op:\"bind\"}",
                        "not a JSON object: Unexpected character ('o' (code 111)): was expecting double-quote to start field name"),
                row("two objects", "{\"op\":\"close\",\"socket\":\"a\"}{}",
                        "not a JSON object: more than one JSON value on the line"),
                row("duplicate key", "{\"op\":\"close\",\"socket\":\"a\",\"socket\":\"a\"}",
                        "not a JSON object: duplicate field 'socket'"),
                row("array", "[{\"op\":\"close\",\"socket\":\"a\"}]", "not a JSON object: found an array"),
                row("number", "42", "not a JSON object: found a number"),
                row("string", "\"close\"", "not a JSON object: found a string"),
                row("null", "null", "not a JSON object: found null"),
                row("line too long", "{\"op\":\"close\",\"socket\":\"a\"}" + " ".repeat(SessionChecker.MAX_LINE_LENGTH),
                        "line is longer than 65536 characters"),
                // op
                row("missing op", "{\"socket\":\"a\"}", "missing field 'op'"),
                row("op of wrong type", "{\"op\":7}", "'op' must be a string, not 7"),
                row("unknown op", "{\"op\":\"connect\",\"socket\":\"a\"}",
                        "unknown op 'connect' (expected host, process, thread, socket, set, get, bind or close)"),
                // Fields
                row("unknown field", BIND_A.replace("address", "adress") + "\"0.0.0.0:80\"}",
                        "unknown field 'adress' in a bind line", "missing field 'address' in a bind line"),
                row("irp on a declaration", "{\"op\":\"process\",\"pid\":5,\"user\":\"SY\",\"irp\":true}",
                        "unknown field 'irp' in a process line"),
                row("value on a get", GET_A + "\"option\":\"SO_REUSEADDR\",\"value\":1}",
                        "unknown field 'value' in a get line"),
                row("missing field", "{\"op\":\"process\",\"pid\":5}", "missing field 'user' in a process line"),
                row("required field given as null", "{\"op\":\"process\",\"pid\":5,\"user\":null}",
                        "missing field 'user' in a process line"),
                row("every missing field", "{\"op\":\"socket\"}",
                        "missing field 'socket' in a socket line", "missing field 'category' in a socket line",
                        "missing field 'family' in a socket line", "missing field 'process' in a socket line"),
                // Types
                row("pid as a string", "{\"op\":\"process\",\"pid\":\"5\",\"user\":\"SY\"}",
                        "'pid' must be an integer, not \"5\""),
                row("pid as a fraction", "{\"op\":\"process\",\"pid\":5.5,\"user\":\"SY\"}",
                        "'pid' must be an integer, not 5.5"),
                row("pid too large", "{\"op\":\"process\",\"pid\":4294967296,\"user\":\"SY\"}",
                        "'pid': 4294967296 is outside 0-4294967295"),
                row("negative tid", "{\"op\":\"thread\",\"tid\":-1,\"pid\":4}", "'tid': -1 is outside 0-4294967295"),
                row("groups not an array", "{\"op\":\"process\",\"pid\":5,\"user\":\"SY\",\"groups\":\"BU\"}",
                        "'groups' must be an array of strings, not \"BU\""),
                row("group not a string", "{\"op\":\"process\",\"pid\":5,\"user\":\"SY\",\"groups\":[\"BU\",5]}",
                        "'groups[1]' must be a string, not 5"),
                row("irp not a boolean", CLOSE_A + "\"irp\":\"yes\"}", "'irp' must be a boolean, not \"yes\""),
                row("value not an integer", SET_A + "\"option\":\"SO_REUSEADDR\",\"value\":\"1\"}",
                        "'value' must be an integer, not \"1\""),
                row("value over 32 bits", SET_A + "\"option\":\"SO_REUSEADDR\",\"value\":4294967296}",
                        "'value': 4294967296 does not fit in 32 bits (-2147483648 to 4294967295)"),
                row("negative inputSize", SET_A + "\"option\":\"SO_REUSEADDR\",\"value\":1,\"inputSize\":-1}",
                        "'inputSize': -1 is outside 0-2147483647"),
                row("outputSize as a string", GET_A + "\"option\":\"SO_REUSEADDR\",\"outputSize\":\"4\"}",
                        "'outputSize' must be a non-negative integer, not \"4\""),
                row("option of wrong type", GET_A + "\"option\":true}",
                        "'option' must be an option name or a number, not true"),
                row("unknown option name", GET_A + "\"option\":\"SO_REUSEPORT\"}",
                        "'option': unknown option 'SO_REUSEPORT' (expected SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, "
                                + "SO_WSK_SECURITY, IPV6_V6ONLY or a number)"),
                row("bad level", GET_A + "\"option\":\"SO_REUSEADDR\",\"level\":\"IPPROTO_TCP\"}",
                        "'level': unknown level 'IPPROTO_TCP' (expected SOL_SOCKET, IPPROTO_IPV6 or a number)"),
                row("empty label", "{\"op\":\"close\",\"socket\":\"\"}", "'socket' must be a non-empty string, not \"\""),
                row("label of white space only", "{\"op\":\"socket\",\"socket\":\"   \",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                        "'socket' is white space only: a label needs a visible character"),
                row("impersonate not an object", "{\"op\":\"thread\",\"tid\":10,\"pid\":4,\"impersonate\":\"SY\"}",
                        "'impersonate' must be an object with 'user' and optional 'groups', not \"SY\""),
                row("impersonate with another field", "{\"op\":\"thread\",\"tid\":10,\"pid\":4,\"impersonate\":"
                                + "{\"user\":\"SY\",\"privileges\":[]}}",
                        "unknown field 'privileges' in 'impersonate'"),
                row("impersonate without user", "{\"op\":\"thread\",\"tid\":10,\"pid\":4,\"impersonate\":{\"groups\":[]}}",
                        "missing field 'user' in 'impersonate'"),
                row("bad category", SOCKET_B.replace("listen", "raw") + "\"irp\":true}",
                        "'category': unknown socket category 'raw' (expected basic, listen, datagram, connection or stream)"),
                row("bad family", SOCKET_B.replace("\"inet\"", "\"ipx\"") + "\"irp\":true}",
                        "'family': unknown address family 'ipx' (expected inet or inet6)"),
                // SIDs and SDDL
                row("bad SID", "{\"op\":\"process\",\"pid\":5,\"user\":\"S-1-x\"}",
                        "bad SID 'S-1-x' in 'user': authority 'x' is not a decimal number"),
                row("unknown SID alias in groups", "{\"op\":\"process\",\"pid\":5,\"user\":\"SY\",\"groups\":[\"XX\"]}",
                        "bad SID 'XX' in 'groups[0]': expected S-1-... or one of WD AU SY LS NS BA BU"),
                row("bad impersonated SID", "{\"op\":\"thread\",\"tid\":10,\"pid\":4,\"impersonate\":{\"user\":\"S-2-5\"}}",
                        "bad SID 'S-2-5' in 'impersonate.user': revision '2' is not 1"),
                row("bad SDDL", SOCKET_B + "\"sd\":\"D:(OA;;GA;;;SY)\"}",
                        "bad SDDL in 'sd': SDDL: unsupported ACE type 'OA' at offset 3 (only A and D are supported)"),
                row("SACL in a set", SET_A + "\"option\":\"SO_WSK_SECURITY\",\"sd\":\"S:\"}",
                        "bad SDDL in 'sd': SDDL: SACLs are not supported ('S:' at offset 0)"),
                row("bad SDDL expected", GET_A + "\"option\":\"SO_WSK_SECURITY\",\"expectValue\":\"\"}",
                        "bad SDDL in 'expectValue': SDDL: empty descriptor"),
                // Addresses
                row("bad address", BIND_A + "\"0.0.0:80\"}",
                        "'address': '0.0.0' is not an IPv4 address (expected four decimal octets a.b.c.d)"),
                row("address without port", BIND_A + "\"0.0.0.0\"}", "'address': missing ':port'"),
                row("IPv6 without brackets", BIND_A + "\"::1:80\"}",
                        "'address': an IPv6 address must be written in brackets, e.g. [::1]:80"),
                row("port not a number", BIND_A + "\"0.0.0.0:http\"}",
                        "'address': port 'http' is not a number from 0 to 65535"),
                row("port 70000", BIND_A + "\"0.0.0.0:70000\"}", "'address': port 70000 is outside 0-65535"),
                row("port -1", BIND_A + "\"0.0.0.0:-1\"}", "'address': port -1 is outside 0-65535"),
                row("IPv6 port 99999999", BIND_A + "\"[::1]:99999999\"}", "'address': port 99999999 is outside 0-65535"),
                row("bad host and port", BIND_A + "\"1.2.3:70000\"}",
                        "'address': '1.2.3' is not an IPv4 address (expected four decimal octets a.b.c.d)"),
                row("address not a string", BIND_A + "80}", "'address' must be a string, not 80"),
                // Declarations
                row("undeclared creating process", SOCKET_B.replace("\"process\":4", "\"process\":700") + "\"irp\":true}",
                        "'process': process 700 is not declared on an earlier line (declare it first: {\"op\":\"process\",\"pid\":700,\"user\":\"SID\"})"),
                row("undeclared owning process", SOCKET_B + "\"owningProcess\":5}",
                        "'owningProcess': process 5 is not declared on an earlier line (declare it first: {\"op\":\"process\",\"pid\":5,\"user\":\"SID\"})"),
                row("undeclared owning thread", SOCKET_B + "\"owningThread\":10}",
                        "'owningThread': thread 10 is not declared on an earlier line (declare it first: {\"op\":\"thread\",\"tid\":10,\"pid\":PID})"),
                row("thread of an undeclared process", "{\"op\":\"thread\",\"tid\":10,\"pid\":700}",
                        "'pid': process 700 is not declared on an earlier line (declare it first: {\"op\":\"process\",\"pid\":700,\"user\":\"SID\"})"),
                // Labels
                row("label reused while live", PREAMBLE.get(2), "label 'a' is reused while live (created on line 3)"),
                row("unknown label", "{\"op\":\"bind\",\"socket\":\"x\",\"address\":\"0.0.0.0:80\"}",
                        "unknown socket label 'x'"),
                row("unknown label on close", "{\"op\":\"close\",\"socket\":\"b\"}", "unknown socket label 'b'"),
                row("long label is cut", "{\"op\":\"close\",\"socket\":\"" + "x".repeat(100) + "\"}",
                        "unknown socket label '" + "x".repeat(57) + "...'"),
                row("control characters are escaped", "{\"op\":\"close\",\"socket\":\"x\\ny\"}",
                        "unknown socket label 'x\\u000Ay'"),
                // expect
                row("bad expect name", CLOSE_A + "\"expect\":\"NOPE\"}", "'expect': unknown status 'NOPE'"),
                // any 32-bit NTSTATUS is an expectation since issue #12; a malformed hex still is not
                row("bad expect hex", CLOSE_A + "\"expect\":\"0xZZ\"}", "'expect': unknown status '0xZZ'"),
                row("expect as an unknown Winsock number", CLOSE_A + "\"expect\":10000}",
                        "'expect': unknown Winsock error number 10000"),
                row("expect as a boolean", CLOSE_A + "\"expect\":true}",
                        "'expect' must be a status name or hex string, or a Winsock error, not true"),
                row("bad Winsock name", CLOSE_A + "\"expect\":\"WSAENOPE\"}", "'expect': unknown status 'WSAENOPE'"),
                // host
                row("host address with a port", "{\"op\":\"host\",\"addresses\":[\"10.0.0.1:80\"]}",
                        "'addresses[0]': host address '10.0.0.1:80' must be an address alone, without port or brackets"),
                row("host addresses not an array", "{\"op\":\"host\",\"addresses\":\"10.0.0.1\"}",
                        "'addresses' must be an array of addresses, not \"10.0.0.1\""),
                row("host without addresses", "{\"op\":\"host\"}", "missing field 'addresses' in a host line"),
                row("bad expect on a declaration", "{\"op\":\"process\",\"pid\":5,\"user\":\"SY\",\"expect\":\"OK\"}",
                        "'expect': unknown status 'OK'"),
                // value and sd
                row("value and sd both", SET_A + "\"option\":\"SO_REUSEADDR\",\"value\":1,\"sd\":\"D:\"}",
                        "'value' and 'sd' are both given; SO_REUSEADDR takes 'value' only"),
                row("value and sd both for security", SET_A + "\"option\":\"SO_WSK_SECURITY\",\"value\":1,\"sd\":\"D:\"}",
                        "'value' and 'sd' are both given; SO_WSK_SECURITY takes 'sd' only"),
                row("sd with a sharing option", SET_A + "\"option\":\"SO_EXCLUSIVEADDRUSE\",\"sd\":\"D:\"}",
                        "SO_EXCLUSIVEADDRUSE takes 'value', not 'sd'"),
                row("value with the security option", SET_A + "\"option\":\"SO_WSK_SECURITY\",\"value\":1}",
                        "SO_WSK_SECURITY takes 'sd', not 'value'"),
                row("sharing option without value", SET_A + "\"option\":\"SO_REUSEADDR\"}", "missing field 'value' in a set line"),
                row("security option without sd", SET_A + "\"option\":\"SO_WSK_SECURITY\"}", "missing field 'sd' in a set line"),
                row("sd with an unknown option", SET_A + "\"option\":99,\"sd\":\"D:\"}",
                        "'sd' is only allowed with SO_WSK_SECURITY, not with option 0x00000063"),
                row("set without option", SET_A + "\"value\":1}", "missing field 'option' in a set line"),
                row("expected value of the wrong kind", GET_A + "\"option\":\"SO_REUSEADDR\",\"expectValue\":\"D:\"}",
                        "'expectValue' must be an integer, not \"D:\""),
                row("expected descriptor of the wrong kind", GET_A + "\"option\":\"SO_WSK_SECURITY\",\"expectValue\":1}",
                        "'expectValue' must be an SDDL string for SO_WSK_SECURITY, not 1"));
    }

    private static Arguments row(String kind, String line, String... messages) {
        return Arguments.of(kind, line, List.of(messages));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedLines")
    void malformedLineGivesExactlyItsMessages(String kind, String line, List<String> messages) {
        List<String> lines = new java.util.ArrayList<>(PREAMBLE);
        lines.add(line);

        SessionFile file = SessionFile.parse(SessionExample.NAME, lines);

        assertEquals(messages.stream().map(message -> SessionExample.NAME + ":4: " + message).toList(), file.faults());
        assertEquals(List.of(), file.calls());
    }
}
