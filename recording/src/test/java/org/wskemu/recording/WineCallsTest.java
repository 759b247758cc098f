package org.wskemu.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every call a Wine trace shows is a session line or a comment saying why, and the summary counts them. */
class WineCallsTest {

    static final String P = "0160:0164:trace:winsock:";
    static final String CREATE = P + "WSASocketW family 2, type 1, protocol 6, info 0, group 0, flags 0x1\n"
            + P + "WSASocketW created 0x30\n";

    private static ImportedSession session(String trace, ImportOptions options) throws Exception {
        return Importer.of(Format.WINE).read("t", new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)), options);
    }

    private static String text(ImportedSession session) {
        return String.join("\n", session.lines()) + "\n";
    }

    @Test
    void getsockoptBecomesAGetWithItsOutputSizeAndTheServersStatus() throws Exception {
        ImportedSession s = session(CREATE
                + P + "getsockopt socket 0x30, level IPPROTO_IPV6, name IPV6_V6ONLY, optval 000000000021FB6C, optlen 000000000021FB68 (4)\n"
                + P + "server_getsockopt status 0xc00000bb.\n"
                + P + "getsockopt socket 0x30, level SOL_SOCKET, name SO_REUSEADDR, optval 0000000000210000, optlen 0000000000210004 (1)\n"
                + P + "server_getsockopt status 0.\n", ImportOptions.NONE);
        String text = text(s);
        assertTrue(text.contains("{\"op\":\"get\",\"socket\":\"0160:0030\",\"option\":\"IPV6_V6ONLY\",\"expect\":\"STATUS_NOT_SUPPORTED\"}"), text);
        assertTrue(text.contains("{\"op\":\"get\",\"socket\":\"0160:0030\",\"option\":\"SO_REUSEADDR\",\"outputSize\":1,\"expect\":\"STATUS_SUCCESS\"}"), text);
        assertEquals(new ImportSummary(3, 3, 0, 0, 0, 4, s.summary().commentLines()), s.summary());
    }

    @Test
    void aGetRefusedBeforeTheServerCallHasNoExpect() throws Exception {
        String text = text(session(CREATE
                + P + "getsockopt socket 0x30, level SOL_SOCKET, name SO_REUSEADDR, optval 0000000000210000, optlen 0000000000210004 (0)\n"
                + P + "closesocket 0x30\n", ImportOptions.NONE));
        assertTrue(text.contains("{\"op\":\"get\",\"socket\":\"0160:0030\",\"option\":\"SO_REUSEADDR\",\"outputSize\":0}"), text);
        assertTrue(text.contains("ws2_32 answered before asking its AFD layer"), text);
    }

    @Test
    void aCloseOfAClosedHandleStaysACloseOnTheClosedLabel() throws Exception {
        ImportedSession s = session(CREATE + P + "closesocket 0x30\n" + P + "closesocket 0x30\n", ImportOptions.NONE);
        List<String> closes = s.lines().stream().filter(l -> l.startsWith("{\"op\":\"close\"")).toList();
        assertEquals(List.of("{\"op\":\"close\",\"socket\":\"0160:0030\"}", "{\"op\":\"close\",\"socket\":\"0160:0030\"}"), closes);
        assertTrue(text(s).contains("is closed in the trace: the replay answers INVALID_HANDLE"), text(s));
    }

    @Test
    void setsOfOptlenZeroStayAndAnUnshownValueIsAssumedNonZeroAndCounted() throws Exception {
        ImportedSession s = session(CREATE
                + P + "setsockopt socket 0x30, level SOL_SOCKET, name SO_REUSEADDR, optval 0000000000210000, optlen 0\n"
                + P + "server_setsockopt status 0.\n"
                + P + "setsockopt socket 0x30, level SOL_SOCKET, name SO_REUSEADDR, optval 0000000000210000, optlen 8\n"
                + P + "server_setsockopt status 0.\n", ImportOptions.NONE);
        String text = text(s);
        assertTrue(text.contains("{\"op\":\"set\",\"socket\":\"0160:0030\",\"option\":\"SO_REUSEADDR\",\"value\":0,\"inputSize\":0,\"expect\":\"STATUS_SUCCESS\"}"), text);
        assertTrue(text.contains("ASSUMED non-zero (1)\n{\"op\":\"set\",\"socket\":\"0160:0030\",\"option\":\"SO_REUSEADDR\",\"value\":1,\"inputSize\":8,\"expect\":\"STATUS_SUCCESS\"}"), text);
        assertEquals(1, s.summary().assumedValues());
        assertTrue(s.summary().describe().contains("1 option value(s) the trace does not show (optlen over 4) assumed non-zero"),
                s.summary().describe());
    }

    @Test
    void aHandleReusedWithoutACloseIsSaidAtTheReuse() throws Exception {
        String text = text(session(CREATE + CREATE, ImportOptions.NONE));
        assertTrue(text.contains("the trace shows no close of socket 0160:0030: that socket stays open"), text);
        assertTrue(text.contains("\"socket\":\"0160:0030#2\""), text);
    }

    @Test
    void everyCallItCannotExpressIsACommentWithItsTraceLineAndCounted() throws Exception {
        ImportedSession s = session(CREATE
                + P + "setsockopt socket 0x30, level SOL_SOCKET, name SO_RCVBUF, optval 0000000000210000 (8192), optlen 4\n"
                + P + "server_setsockopt status 0.\n"
                + P + "bind socket 0x99, addr { family AF_INET, address 0.0.0.0, port 80 }\n"
                + P + "bind failed, status 0xc0000008.\n", ImportOptions.NONE);
        String text = text(s);
        assertTrue(text.contains("# trace line 3: setsockopt socket 0x30, level SOL_SOCKET, name SO_RCVBUF"), text);
        assertTrue(text.contains("#   not imported: SOL_SOCKET/SO_RCVBUF is not an option wskemu models"), text);
        assertTrue(text.contains("# trace line 5: bind socket 0x99"), text);
        assertEquals(3, s.summary().tracedCalls());
        assertEquals(1, s.summary().importedCalls());
        assertEquals(2, s.summary().commentedCalls());
        assertTrue(s.summary().describe().startsWith("import: 3 traced calls: 1 imported as session lines, 2 kept only as comments"),
                s.summary().describe());
    }

    @Test
    void hostAddressesBecomeAHostLineAndWithoutThemAnInvalidAddressSaysTheReplayNeedsThem() throws Exception {
        String trace = CREATE + P + "bind socket 0x30, addr { family AF_INET, address 10.9.9.9, port 80 }\n"
                + P + "bind failed, status 0xc0000207.\n";
        ImportedSession without = session(trace, ImportOptions.NONE);
        assertTrue(text(without).contains("the replay needs the machine's addresses (import --host ADDR[,ADDR...]"), text(without));
        assertEquals(1, without.summary().needHost());
        ImportedSession with = session(trace, ImportOptions.NONE.withHosts(List.of("192.168.1.5,fe80::1")));
        assertTrue(text(with).contains("{\"op\":\"host\",\"addresses\":[\"192.168.1.5\",\"fe80::1\"]}"), text(with));
        assertEquals(0, with.summary().needHost());
    }

    @Test
    void whereTheTraceShowsTheMachinesAddressesTheyAreItsHostLine() throws Exception {
        String trace = CREATE + P + "bind socket 0x30, addr { family AF_INET, address 192.168.7.2, port 80 }\n"
                + P + "bind successfully bound to address { family AF_INET, address 192.168.7.2, port 80 }\n"
                + P + "WSASocketW family 2, type 1, protocol 6, info 0, group 0, flags 0x1\n" + P + "WSASocketW created 0x34\n"
                + P + "bind socket 0x34, addr { family AF_INET, address 10.9.9.9, port 80 }\n"
                + P + "bind failed, status 0xc0000207.\n";
        ImportedSession s = session(trace, ImportOptions.NONE);
        String text = text(s);
        assertTrue(text.contains("# the machine's addresses as the trace shows them (no --host given)"), text);
        assertTrue(text.contains("{\"op\":\"host\",\"addresses\":[\"192.168.7.2\"]}"), text);
        assertEquals(0, s.summary().needHost());
        // --host replaces what the trace shows
        String given = text(session(trace, ImportOptions.NONE.withHosts(List.of("192.168.7.2,192.168.7.3"))));
        assertTrue(given.contains("{\"op\":\"host\",\"addresses\":[\"192.168.7.2\",\"192.168.7.3\"]}"), given);
        assertTrue(!given.contains("as the trace shows them"), given);
    }

    @Test
    void aBadHostIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImportOptions(Map.of(), Optional.empty()).withHosts(List.of("10.0.0.1,nonsense")));
        assertTrue(e.getMessage().startsWith("--host 'nonsense'"), e.getMessage());
    }

    @Test
    void thePortAPortZeroBindReceivedIsItsRecordedPort() throws Exception {
        String text = text(session(CREATE + P + "bind socket 0x30, addr { family AF_INET, address 0.0.0.0, port 0 }\n"
                + P + "bind successfully bound to address { family AF_INET, address 0.0.0.0, port 39149 }\n", ImportOptions.NONE));
        assertTrue(text.contains("{\"op\":\"bind\",\"socket\":\"0160:0030\",\"address\":\"0.0.0.0:0\",\"recordedPort\":39149,"
                + "\"expect\":\"STATUS_SUCCESS\"}"), text);
    }

    @Test
    void anEndlessLineIsRefusedAfterTheCapWithoutReadingOn() {
        InputStream zeros = new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                served += len;
                java.util.Arrays.fill(b, off, off + len, (byte) 0);
                return len;
            }
        };
        ImportException e = assertThrows(ImportException.class,
                () -> Importer.of(Format.WINE).importTo("zero", () -> zeros, ImportOptions.NONE, new java.io.StringWriter()));
        assertEquals("zero:1: a line longer than 1048576 characters (a Wine trace line is far shorter): refused", e.getMessage());
    }

    @Test
    void malformedXmlIsOneLineAndTheParserPrintsNothing() throws IOException {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            ImportException e = assertThrows(ImportException.class, () -> Importer.of(Format.TRACERPT_XML)
                    .read("x", new ByteArrayInputStream("<Events><Event></Events>".getBytes(StandardCharsets.UTF_8)),
                            ImportOptions.NONE));
            assertTrue(e.getMessage().startsWith("x:1: malformed XML"), e.getMessage());
        } finally {
            System.setErr(saved);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
