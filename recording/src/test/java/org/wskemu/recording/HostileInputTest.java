package org.wskemu.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed and hostile recordings: one line {@code FILE:LINE: what is wrong}, no file read, no control character out. */
class HostileInputTest {

    static final String PREFIX = "0160:0164:trace:winsock:";
    static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    static ImportException failure(Format format, String text) {
        return assertThrows(ImportException.class, () -> Importer.of(format)
                .read("capture", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ImportOptions.NONE));
    }

    static String imported(Format format, String text) throws Exception {
        StringWriter out = new StringWriter();
        Importer.of(format).read("capture", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ImportOptions.NONE)
                .writeTo(out);
        return out.toString();
    }

    static void assertOneLine(String expectedStart, ImportException e) {
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(Character::isISOControl), e.getMessage());
    }

    static Stream<Arguments> malformed() {
        String event = "<Event><System><Provider Name=\"Microsoft-Windows-Winsock-AFD\"/><EventID>%s</EventID>"
                + "<Execution ProcessID=\"1\" ThreadID=\"2\"/></System><EventData>%s</EventData></Event>";
        String afdBind = "<Data Name=\"EnterExit\">1</Data><Data Name=\"Endpoint\">0x10</Data><Data Name=\"Status\">0</Data>";
        return Stream.of(
                Arguments.of("wine: a cut bind line", Format.WINE,
                        PREFIX + "bind socket 0x30, addr { family AF_IN\n", "capture:1: unreadable winsock trace line"),
                Arguments.of("wine: a bad address", Format.WINE,
                        PREFIX + "WSAStartup version 0x202\n" + PREFIX + "bind socket 0x30, addr { family AF_INET, address 1.2.3, port 80 }\n",
                        "capture:2: '1.2.3' is not an IPv4 address"),
                Arguments.of("wine: no +pid prefix", Format.WINE,
                        "0164:trace:winsock:bind socket 0x30, addr { family AF_INET, address 0.0.0.0, port 80 }\n",
                        "capture:1: a winsock trace line without the PID:TID: prefix"),
                Arguments.of("wine: no winsock line at all", Format.WINE, "hello\nworld\n",
                        "capture: no Wine winsock trace line"),
                Arguments.of("wine: an empty file", Format.WINE, "", "capture: no Wine winsock trace line"),
                Arguments.of("wine: a setsockopt of a non-number", Format.WINE,
                        PREFIX + "setsockopt socket 0x30, level SOL_SOCKET, name SO_REUSEADDR, optval 0 (99999999999), optlen 4\n",
                        "capture:1: '99999999999' is not a 32-bit number"),
                Arguments.of("xml: not XML", Format.TRACERPT_XML, "this is not xml", "capture:1: malformed XML"),
                Arguments.of("xml: truncated", Format.TRACERPT_XML, HEAD + "<Events>\n<Event><System>\n",
                        "capture:4: malformed XML"),
                Arguments.of("xml: another root", Format.TRACERPT_XML, HEAD + "<Instrumentation/>",
                        "capture:2: the root element is 'Instrumentation', expected 'Events'"),
                Arguments.of("xml: no event of the three providers", Format.TRACERPT_XML, HEAD + "<Events/>",
                        "capture: no event of Microsoft-Windows-Winsock-AFD"),
                Arguments.of("xml: an EventID that is no number", Format.TRACERPT_XML,
                        HEAD + "<Events>\n" + event.formatted("x", "") + "</Events>", "capture:3: EventID 'x' is not a number"),
                Arguments.of("xml: a bind without its Address", Format.TRACERPT_XML,
                        HEAD + "<Events>\n" + event.formatted("1030", afdBind) + "</Events>",
                        "capture:3: event 1030 of Microsoft-Windows-Winsock-AFD has no Data Name=\"Address\""),
                Arguments.of("xml: an Address that is not hex", Format.TRACERPT_XML,
                        HEAD + "<Events>\n" + event.formatted("1030", afdBind + "<Data Name=\"Address\">0xZZ</Data>") + "</Events>",
                        "capture:3: Address '0xZZ' is not hex binary data"),
                Arguments.of("xml: a SOCKADDR_IN cut short", Format.TRACERPT_XML,
                        HEAD + "<Events>\n" + event.formatted("1030", afdBind + "<Data Name=\"Address\">0x02001F90</Data>") + "</Events>",
                        "capture:3: Address is too short for a SOCKADDR_IN"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedRecordingIsOneLineNamingFileAndLine(String name, Format format, String text, String expected) {
        assertOneLine(expected, failure(format, text));
    }

    @Nested
    class XmlEntities {

        @TempDir
        Path dir;

        @Test
        void anExternalEntityIsRefusedAndTheFileIsNeverRead() throws Exception {
            Path secret = dir.resolve("secret.txt");
            Files.writeString(secret, "TOP-SECRET-CONTENT");
            String xxe = HEAD + "<!DOCTYPE Events [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                    + "<Events><Event><System><Provider Name=\"&x;\"/><EventID>1</EventID></System></Event></Events>";
            ImportException e = failure(Format.TRACERPT_XML, xxe);
            assertOneLine("capture:2: a DOCTYPE is refused", e);
            assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
        }

        @Test
        void nestedEntitiesAreRefusedBeforeAnyExpansion() {
            String laughs = HEAD + "<!DOCTYPE Events [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<Events>&c;</Events>";
            assertOneLine("capture:2: a DOCTYPE is refused", failure(Format.TRACERPT_XML, laughs));
        }

        @Test
        void anEntityWithoutADoctypeIsAnError() {
            assertOneLine("capture:2: malformed XML", failure(Format.TRACERPT_XML, HEAD + "<Events>&x;</Events>"));
        }
    }

    @Nested
    class WhatTheRecordingLacks {

        @Test
        void aCallWhoseResultNeverCameHasNoExpectAndSaysSo() throws Exception {
            String trace = PREFIX + "WSASocketW family 2, type 1, protocol 6, info 0, group 0, flags 0x1\n"
                    + PREFIX + "WSASocketW created 0x30\n"
                    + PREFIX + "bind socket 0x30, addr { family AF_INET, address 0.0.0.0, port 80 }\n";
            String session = imported(Format.WINE, trace);
            assertTrue(session.contains("# trace line 3: bind socket 0x30, addr { family AF_INET, address 0.0.0.0, port 80 }\n"
                    + "#   no result for this call in the trace: no expect\n"
                    + "{\"op\":\"bind\",\"socket\":\"0160:0030\",\"address\":\"0.0.0.0:80\"}\n"), session);
        }

        @Test
        void aSocketCreationWithoutItsHandleMakesNoSocket() throws Exception {
            String trace = PREFIX + "WSASocketW family 2, type 1, protocol 6, info 0, group 0, flags 0x1\n"
                    + PREFIX + "bind socket 0x30, addr { family AF_INET, address 0.0.0.0, port 80 }\n";
            String session = imported(Format.WINE, trace);
            assertFalse(session.contains("\"op\":\"socket\""), session);
            assertTrue(session.contains("#   not imported: socket 0x30 was not created in this trace"), session);
        }

        @Test
        void relayLinesGiveClosesocketsResultAndTheErrorOfAFailure() throws Exception {
            String trace = PREFIX + "WSASocketW family 2, type 1, protocol 6, info 0, group 0, flags 0x1\n"
                    + PREFIX + "WSASocketW created 0x30\n"
                    + "0160:0164:Call ws2_32.closesocket(00000030) ret=14000194f\n"
                    + PREFIX + "closesocket 0x30\n"
                    + "0160:0164:Ret  ws2_32.closesocket() retval=ffffffff ret=14000194f\n"
                    + "0160:0164:Call ws2_32.WSAGetLastError() ret=14000172a\n"
                    + "0160:0164:Ret  ws2_32.WSAGetLastError() retval=00002736 ret=14000172a\n";
            String session = imported(Format.WINE, trace);
            assertTrue(session.contains("# trace line 4: closesocket 0x30 (relay line 7: closesocket's result WSAENOTSOCK)\n"
                    + "{\"op\":\"close\",\"socket\":\"0160:0030\",\"expect\":\"WSAENOTSOCK\"}\n"), session);
        }

        @Test
        void aRelayLineOfAnotherThreadIsNotThisCallsResult() throws Exception {
            String trace = PREFIX + "WSASocketW family 2, type 1, protocol 6, info 0, group 0, flags 0x1\n"
                    + PREFIX + "WSASocketW created 0x30\n"
                    + PREFIX + "closesocket 0x30\n"
                    + "0160:0168:Ret  ws2_32.closesocket() retval=00000000 ret=14000194f\n";
            String session = imported(Format.WINE, trace);
            assertTrue(session.contains("{\"op\":\"close\",\"socket\":\"0160:0030\"}\n"), session);
        }

        @Test
        void aHandleReusedAfterCloseIsANewLabel() throws Exception {
            String create = PREFIX + "WSASocketW family 2, type 2, protocol 17, info 0, group 0, flags 0x1\n"
                    + PREFIX + "WSASocketW created 0x30\n";
            String session = imported(Format.WINE, create + PREFIX + "closesocket 0x30\n" + create);
            assertTrue(session.contains("{\"op\":\"socket\",\"socket\":\"0160:0030\",\"category\":\"datagram\""), session);
            assertTrue(session.contains("{\"op\":\"socket\",\"socket\":\"0160:0030#2\",\"category\":\"datagram\""), session);
        }

        @Test
        void controlCharactersInARecordingNeverReachTheOutput() throws Exception {
            String trace = PREFIX + "WSASocketW family 2, type 1, protocol 6, info \u001b[31mred\u202e, group 0, flags 0x1\n"
                    + PREFIX + "WSASocketW created 0x30\n";
            String session = imported(Format.WINE, trace);
            assertTrue(session.contains("info ?[31mred?"), session);
            assertFalse(session.chars().anyMatch(c -> c != '\n' && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)),
                    session);
        }

        @Test
        void userFlagsOverrideTheStatedDefault() throws Exception {
            String trace = PREFIX + "WSASocketW family 2, type 1, protocol 6, info 0, group 0, flags 0x1\n"
                    + PREFIX + "WSASocketW created 0x30\n";
            StringWriter out = new StringWriter();
            Importer.of(Format.WINE).read("capture", new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)),
                    ImportOptions.parse(java.util.List.of("352=BA"), java.util.Optional.empty())).writeTo(out);
            assertTrue(out.toString().contains("# process 352 (trace process 0x160): user from --user 352=BA\n"
                    + "{\"op\":\"process\",\"pid\":352,\"user\":\"BA\"}"), out.toString());
        }
    }

    @Test
    void aRecordingOverTheSizeLimitIsRefusedUnread(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.trace");
        try (var channel = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), Importer.MAX_BYTES);
        }
        ImportException e = assertThrows(ImportException.class, () -> Importer.of(Format.WINE).read(big, ImportOptions.NONE));
        assertEquals(big + ": refused: the file is larger than 64 MiB", e.getMessage());
    }
}
