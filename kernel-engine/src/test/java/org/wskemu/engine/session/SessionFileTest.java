package org.wskemu.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlInput;
import org.wskemu.api.ControlType;
import org.wskemu.api.ExpectedStatus;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.engine.session.SessionCall.Bind;
import org.wskemu.engine.session.SessionCall.Close;
import org.wskemu.engine.session.SessionCall.Control;
import org.wskemu.engine.session.SessionCall.CreateSocket;
import org.wskemu.engine.session.SessionCall.DeclareProcess;
import org.wskemu.engine.session.SessionCall.DeclareThread;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

class SessionFileTest {

    private static final String PROCESS_4 = "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}";
    private static final String SOCKET_A = "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}";

    private static SessionCall only(SessionFile file) {
        assertEquals(List.of(), file.faults());
        return file.calls().get(file.calls().size() - 1);
    }

    @Test
    void theContractsExampleGivesItsNineCallsInFileOrder() {
        SessionFile file = SessionFile.parse(SessionExample.NAME, SessionExample.LINES);

        ProcessId system = new ProcessId(4);
        ProcessId user = new ProcessId(700);
        List<SessionCall> expected = List.of(
                new DeclareProcess(2, system, Token.of(Sid.LOCAL_SYSTEM), null),
                new DeclareProcess(3, user, Token.of(Sid.parse("S-1-5-21-1-2-3-1001"), Sid.BUILTIN_USERS), null),
                new CreateSocket(4, new SocketRequest(SocketCategory.LISTEN, AddressFamily.INET, system, null, null,
                        SecurityDescriptor.parse("D:(A;;GA;;;SY)"), "a"), true, null),
                new Control(5, "a", new ControlRequest(ControlType.SET, OptionCode.SO_EXCLUSIVEADDRUSE,
                        OptionLevel.SOL_SOCKET, 4, 0, ControlInput.ulong(1)), true, ExpectedStatus.of(NtStatus.SUCCESS), null, null),
                new Bind(6, "a", TransportAddress.parse("0.0.0.0:80"), true, ExpectedStatus.of(NtStatus.SUCCESS)),
                new CreateSocket(7, new SocketRequest(SocketCategory.LISTEN, AddressFamily.INET, user, null, null,
                        null, "b"), true, null),
                new Bind(8, "b", TransportAddress.parse("10.0.0.5:80"), true, ExpectedStatus.of(NtStatus.ACCESS_DENIED)),
                new Close(9, "a", true, null),
                new Bind(10, "b", TransportAddress.parse("10.0.0.5:80"), true, ExpectedStatus.of(NtStatus.SUCCESS)));

        assertTrue(file.isValid());
        assertEquals(List.of(), file.faults());
        assertEquals(expected, file.calls());
        assertEquals(List.of("process", "process", "socket", "set", "bind", "socket", "bind", "close", "bind"),
                file.calls().stream().map(call -> call.op().text()).toList());
        assertEquals(SessionExample.NAME, file.displayName());
        assertNull(file.file());
    }

    @Test
    void severalFaultsInOneFileAreAllReportedInLineOrder() {
        SessionFile file = SessionExample.parse(
                PROCESS_4,
                "{\"op\":\"process\",\"pid\":5,\"user\":\"S-1-x\"}",
                "not json",
                SOCKET_A,
                "{\"op\":\"bind\",\"socket\":\"a\",\"adress\":\"0.0.0.0:80\"}",
                "{\"op\":\"close\",\"socket\":\"z\",\"expect\":\"NOPE\"}");

        assertFalse(file.isValid());
        assertEquals(List.of(), file.calls());
        assertEquals(List.of(
                "runs/a.wsk.jsonl:2: bad SID 'S-1-x' in 'user': authority 'x' is not a decimal number",
                "runs/a.wsk.jsonl:3: not a JSON object: Unrecognized token 'not': was expecting (JSON String, "
                        + "Number, Array, Object or token 'null', 'true' or 'false')",
                "runs/a.wsk.jsonl:5: unknown field 'adress' in a bind line",
                "runs/a.wsk.jsonl:5: missing field 'address' in a bind line",
                "runs/a.wsk.jsonl:6: unknown socket label 'z'",
                "runs/a.wsk.jsonl:6: 'expect': unknown status 'NOPE'"), file.faults());
    }

    @Test
    void aFaultyLineStillDeclaresItsPidAndLabelSoOneMistakeGivesOneMessage() {
        SessionFile file = SessionExample.parse(
                "{\"op\":\"process\",\"pid\":4,\"user\":\"nobody\"}",
                "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4,\"sd\":\"D:(\"}",
                "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\"}");

        assertEquals(2, file.faults().size(), file.faults().toString());
        assertTrue(file.faults().get(0).startsWith("runs/a.wsk.jsonl:1: bad SID 'nobody' in 'user': "));
        assertTrue(file.faults().get(1).startsWith("runs/a.wsk.jsonl:2: bad SDDL in 'sd': SDDL: "));
    }

    @Nested
    class CommentsAndBlankLines {

        @Test
        void areSkippedButCountedInLineNumbers() {
            SessionFile file = SessionExample.parse(
                    "",
                    "# a comment",
                    "   \t",
                    "  # an indented comment {not json",
                    PROCESS_4,
                    "",
                    SOCKET_A,
                    "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:99999\"}");

            assertEquals(List.of("runs/a.wsk.jsonl:8: 'address': port 99999 is outside 0-65535"), file.faults());
        }

        @Test
        void fileOfOnlyCommentsIsValidAndEmpty() {
            SessionFile file = SessionExample.parse("# nothing", "", "#");

            assertTrue(file.isValid());
            assertEquals(List.of(), file.calls());
        }

        @Test
        void lineNumbersOfCallsCountComments() {
            SessionFile file = SessionExample.parse("# one", "", PROCESS_4);

            assertEquals(3, only(file).line());
        }
    }

    @Nested
    class Labels {

        @Test
        void aLabelMayBeReusedAfterItsClose() {
            SessionFile file = SessionExample.parse(PROCESS_4, SOCKET_A,
                    "{\"op\":\"close\",\"socket\":\"a\"}",
                    SOCKET_A);

            assertEquals(List.of(), file.faults());
            assertEquals(4, file.calls().size());
        }

        @Test
        void aCloseThatWillFailAtRunTimeStillEndsTheLabelForTheReuseRule() {
            SessionFile file = SessionExample.parse(PROCESS_4, SOCKET_A,
                    "{\"op\":\"close\",\"socket\":\"a\",\"irp\":false}",
                    SOCKET_A);

            assertEquals(List.of(), file.faults());
        }

        @Test
        void aCallOnAClosedLabelIsNoFaultTheEmulatorAnswersInvalidHandle() {
            SessionFile file = SessionExample.parse(PROCESS_4, SOCKET_A,
                    "{\"op\":\"close\",\"socket\":\"a\"}",
                    "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\",\"expect\":\"INVALID_HANDLE\"}",
                    "{\"op\":\"get\",\"socket\":\"a\",\"option\":\"SO_REUSEADDR\"}",
                    "{\"op\":\"close\",\"socket\":\"a\"}");

            assertEquals(List.of(), file.faults());
            Bind bind = (Bind) file.calls().get(3);
            assertEquals("a", bind.label());
            assertEquals(ExpectedStatus.of(NtStatus.INVALID_HANDLE), bind.expect());
            assertEquals(6, file.calls().size());
        }

        @Test
        void reuseWhileLiveNamesTheLineThatCreatedTheLabel() {
            SessionFile file = SessionExample.parse(PROCESS_4, "# gap", SOCKET_A,
                    "{\"op\":\"close\",\"socket\":\"a\"}",
                    SOCKET_A,
                    SOCKET_A);

            assertEquals(List.of("runs/a.wsk.jsonl:6: label 'a' is reused while live (created on line 5)"),
                    file.faults());
        }
    }

    @Nested
    class Defaults {

        @Test
        void setTakesSolSocketInputSizeFourAndAnIrp() {
            Control set = (Control) only(SessionExample.parse(PROCESS_4, SOCKET_A,
                    "{\"op\":\"set\",\"socket\":\"a\",\"option\":\"SO_REUSEADDR\",\"value\":1}"));

            assertEquals(ControlRequest.set(OptionCode.SO_REUSEADDR, 1), set.request());
            assertEquals(OptionLevel.SOL_SOCKET, set.request().level());
            assertEquals(4, set.request().inputSize());
            assertTrue(set.irp());
            assertNull(set.expect());
        }

        @Test
        void getTakesSolSocketOutputSizeFourAndAnIrp() {
            Control get = (Control) only(SessionExample.parse(PROCESS_4, SOCKET_A,
                    "{\"op\":\"get\",\"socket\":\"a\",\"option\":\"SO_EXCLUSIVEADDRUSE\"}"));

            assertEquals(ControlRequest.get(OptionCode.SO_EXCLUSIVEADDRUSE), get.request());
            assertEquals(4, get.request().outputSize());
            assertEquals(0, get.request().inputSize());
            assertTrue(get.irp());
            assertNull(get.expectValue());
            assertNull(get.expectDescriptor());
        }

        @Test
        void socketBindAndCloseTakeAnIrp() {
            SessionFile file = SessionExample.parse(PROCESS_4, SOCKET_A,
                    "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"[::]:0\"}",
                    "{\"op\":\"close\",\"socket\":\"a\"}");

            assertEquals(List.of(), file.faults());
            assertTrue(((CreateSocket) file.calls().get(1)).irp());
            assertTrue(((Bind) file.calls().get(2)).irp());
            assertTrue(((Close) file.calls().get(3)).irp());
        }

        @Test
        void nullStandsForAnAbsentOptionalField() {
            SessionFile file = SessionExample.parse(
                    "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\",\"groups\":null,\"expect\":null}",
                    "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4,"
                            + "\"sd\":null,\"owningProcess\":null,\"irp\":null}");

            assertEquals(List.of(), file.faults());
            CreateSocket socket = (CreateSocket) file.calls().get(1);
            assertNull(socket.request().descriptor());
            assertTrue(socket.irp());
        }
    }

    @Nested
    class GivenValues {

        @Test
        void setCarriesLevelInputSizeIrpAndExpect() {
            Control set = (Control) only(SessionExample.parse(PROCESS_4, SOCKET_A,
                    "{\"op\":\"set\",\"socket\":\"a\",\"option\":\"SO_REUSEADDR\",\"value\":4294967295,\"level\":6,"
                            + "\"inputSize\":8,\"irp\":false,\"expect\":\"0xC000000D\"}"));

            assertEquals(new ControlRequest(ControlType.SET, OptionCode.SO_REUSEADDR, new OptionLevel(6), 8, 0, ControlInput.ulong(-1)),
                    set.request());
            assertFalse(set.irp());
            assertEquals(ExpectedStatus.of(NtStatus.INVALID_PARAMETER), set.expect());
        }

        @Test
        void setOfTheSecurityOptionCarriesTheDescriptor() {
            Control set = (Control) only(SessionExample.parse(PROCESS_4, SOCKET_A,
                    "{\"op\":\"set\",\"socket\":\"a\",\"option\":\"0x4001\",\"sd\":\"D:(A;;GA;;;WD)\",\"level\":\"SOL_SOCKET\"}"));

            assertEquals(ControlRequest.setSecurity(SecurityDescriptor.parse("D:(A;;GA;;;WD)")), set.request());
        }

        @Test
        void setOfAnUnknownOptionNumberMayCarryAValueOrNone() {
            SessionFile file = SessionExample.parse(PROCESS_4, SOCKET_A,
                    "{\"op\":\"set\",\"socket\":\"a\",\"option\":99,\"value\":7}",
                    "{\"op\":\"set\",\"socket\":\"a\",\"option\":\"0x63\"}");

            assertEquals(List.of(), file.faults());
            assertEquals(new ControlRequest(ControlType.SET, new OptionCode(99), OptionLevel.SOL_SOCKET, 4, 0, ControlInput.ulong(7)),
                    ((Control) file.calls().get(2)).request());
            assertEquals(new ControlRequest(ControlType.SET, new OptionCode(99), OptionLevel.SOL_SOCKET, 4, 0, ControlInput.NONE),
                    ((Control) file.calls().get(3)).request());
        }

        @Test
        void optionsAreReadAsNamesNumbersAndNumbersInStrings() {
            SessionFile file = SessionExample.parse(PROCESS_4, SOCKET_A,
                    "{\"op\":\"get\",\"socket\":\"a\",\"option\":4}",
                    "{\"op\":\"get\",\"socket\":\"a\",\"option\":4294967291}",
                    "{\"op\":\"get\",\"socket\":\"a\",\"option\":-5}",
                    "{\"op\":\"get\",\"socket\":\"a\",\"option\":\"so_wsk_security\"}",
                    "{\"op\":\"get\",\"socket\":\"a\",\"option\":16385}");

            assertEquals(List.of(), file.faults());
            assertEquals(List.of(OptionCode.SO_REUSEADDR, OptionCode.SO_EXCLUSIVEADDRUSE, OptionCode.SO_EXCLUSIVEADDRUSE,
                            OptionCode.SO_WSK_SECURITY, OptionCode.SO_WSK_SECURITY),
                    file.calls().stream().skip(2).map(call -> ((Control) call).request().option()).toList());
        }

        @Test
        void getCarriesOutputSizeAndTheExpectedValueOrDescriptor() {
            SessionFile file = SessionExample.parse(PROCESS_4, SOCKET_A,
                    "{\"op\":\"get\",\"socket\":\"a\",\"option\":\"SO_REUSEADDR\",\"outputSize\":2,\"expectValue\":0,"
                            + "\"expect\":\"STATUS_BUFFER_TOO_SMALL\",\"irp\":false}",
                    "{\"op\":\"get\",\"socket\":\"a\",\"option\":\"SO_WSK_SECURITY\",\"expectValue\":\"D:(A;;GA;;;SY)\"}");

            assertEquals(List.of(), file.faults());
            Control value = (Control) file.calls().get(2);
            assertEquals(ControlRequest.get(OptionCode.SO_REUSEADDR).withOutputSize(2), value.request());
            assertEquals(0, value.expectValue());
            assertEquals(ExpectedStatus.of(NtStatus.BUFFER_TOO_SMALL), value.expect());
            assertFalse(value.irp());
            Control descriptor = (Control) file.calls().get(3);
            assertEquals(SecurityDescriptor.parse("D:(A;;GA;;;SY)"), descriptor.expectDescriptor());
            assertNull(descriptor.expectValue());
        }

        @Test
        void socketCarriesOwnersAndThreadsCarryImpersonation() {
            SessionFile file = SessionExample.parse(PROCESS_4,
                    "{\"op\":\"process\",\"pid\":4294967295,\"user\":\"s-1-5-21-9-9-9-500\",\"groups\":[\"BA\",\"S-1-5-32-545\"]}",
                    "{\"op\":\"thread\",\"tid\":9,\"pid\":4,\"impersonate\":{\"user\":\"NS\",\"groups\":[\"AU\"]},\"expect\":\"SUCCESS\"}",
                    "{\"op\":\"thread\",\"tid\":10,\"pid\":4294967295}",
                    "{\"op\":\"socket\",\"socket\":\"s\",\"category\":\"datagram\",\"family\":\"inet6\",\"process\":4,"
                            + "\"owningProcess\":4294967295,\"owningThread\":9,\"irp\":false,\"expect\":\"SUCCESS\"}");

            assertEquals(List.of(), file.faults());
            assertEquals(new DeclareProcess(2, new ProcessId(0xFFFF_FFFFL),
                    Token.of(Sid.parse("S-1-5-21-9-9-9-500"), Sid.BUILTIN_ADMINISTRATORS, Sid.BUILTIN_USERS), null),
                    file.calls().get(1));
            assertEquals(new DeclareThread(3, new ThreadId(9), new ProcessId(4),
                    Token.of(Sid.NETWORK_SERVICE, Sid.AUTHENTICATED_USERS), ExpectedStatus.of(NtStatus.SUCCESS)), file.calls().get(2));
            assertEquals(new DeclareThread(4, new ThreadId(10), new ProcessId(0xFFFF_FFFFL), null, null),
                    file.calls().get(3));
            assertEquals(new CreateSocket(5, new SocketRequest(SocketCategory.DATAGRAM, AddressFamily.INET6,
                    new ProcessId(4), new ProcessId(0xFFFF_FFFFL), new ThreadId(9), null, "s"), false, ExpectedStatus.of(NtStatus.SUCCESS)),
                    file.calls().get(4));
        }

        @Test
        void redeclaringAPidReplacesItsToken() {
            SessionFile file = SessionExample.parse(PROCESS_4, "{\"op\":\"process\",\"pid\":4,\"user\":\"BA\"}");

            assertEquals(List.of(), file.faults());
            assertEquals(Token.of(Sid.BUILTIN_ADMINISTRATORS), ((DeclareProcess) file.calls().get(1)).token());
        }

        @Test
        void aLineOfExactlyTheLimitIsRead() {
            String close = "{\"op\":\"close\",\"socket\":\"a\"}";
            String padded = close + " ".repeat(SessionChecker.MAX_LINE_LENGTH - close.length());

            SessionFile file = SessionExample.parse(PROCESS_4, SOCKET_A, padded);

            assertEquals(List.of(), file.faults());
            assertEquals(3, file.calls().size());
        }
    }
}
