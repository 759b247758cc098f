package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlInput;
import org.wskemu.api.ControlType;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.irp.Irp;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * SPEC.md 5's one order of checks (issue #11, #12): the same table of cases runs through the session
 * runner and through the embedding API, and each entry point answers the same status.
 */
class OneOrderOfChecksTest {

    /** The state the socket is in when the call is made. */
    enum State { NEVER_CREATED, OPEN, BOUND, CLOSED }

    /** The call under test, as a request or a bind/close. */
    record Call(ControlRequest control, String bind, boolean close) {
        static Call set(OptionCode option, OptionLevel level, int size, int value) {
            return new Call(new ControlRequest(ControlType.SET, option, level, size, 0, ControlInput.ulong(value)), null, false);
        }

        static Call set(OptionCode option, int size, int value) {
            return set(option, option.level(), size, value);
        }

        static Call get(OptionCode option, OptionLevel level, int size) {
            return new Call(new ControlRequest(ControlType.GET, option, level, 0, size, ControlInput.NONE), null, false);
        }

        static Call get(OptionCode option, int size) {
            return get(option, option.level(), size);
        }

        static Call bind(String address) {
            return new Call(null, address, false);
        }

        static Call closing() {
            return new Call(null, null, true);
        }

        @Override
        public String toString() {
            if (control != null) {
                return control.type() + " " + control.option() + "@" + control.level() + " in "
                        + control.inputSize() + " out " + control.outputSize();
            }
            return bind != null ? "bind " + bind : "close";
        }
    }

    private static final OptionCode REUSE = OptionCode.SO_REUSEADDR;
    private static final OptionCode SECURITY = OptionCode.SO_WSK_SECURITY;
    private static final OptionCode V6ONLY = OptionCode.IPV6_V6ONLY;
    private static final OptionCode UNKNOWN = new OptionCode(0x1234);
    private static final OptionLevel OTHER_LEVEL = new OptionLevel(6);

    private static Arguments c(ProfileId profile, SocketCategory category, State state, Call call, boolean irp,
                               NtStatus expected) {
        return Arguments.of(profile, category, state, call, irp, expected);
    }

    static Stream<Arguments> cases() {
        ProfileId wsk = ProfileId.WSK;
        ProfileId win32 = ProfileId.WIN32;
        SocketCategory listen = SocketCategory.LISTEN;
        SocketCategory basic = SocketCategory.BASIC;
        return Stream.of(
                // 1. the IRP first: the issue's example, a NULL IRP on a socket never created
                c(wsk, listen, State.NEVER_CREATED, Call.set(REUSE, 4, 1), false, NtStatus.INVALID_PARAMETER),
                c(wsk, listen, State.NEVER_CREATED, Call.bind("0.0.0.0:80"), false, NtStatus.INVALID_PARAMETER),
                c(wsk, listen, State.CLOSED, Call.closing(), false, NtStatus.INVALID_PARAMETER),
                c(wsk, basic, State.OPEN, Call.get(UNKNOWN, OTHER_LEVEL, 0), false, NtStatus.INVALID_PARAMETER),
                // 2. what needs no socket state, before the handle
                c(wsk, listen, State.CLOSED, Call.set(UNKNOWN, OTHER_LEVEL, 3, 1), true, NtStatus.NOT_SUPPORTED),
                c(wsk, listen, State.NEVER_CREATED, Call.get(UNKNOWN, 0), true, NtStatus.NOT_SUPPORTED),
                c(wsk, listen, State.CLOSED, Call.set(REUSE, OTHER_LEVEL, 4, 1), true, NtStatus.INVALID_PARAMETER),
                c(wsk, listen, State.OPEN, Call.set(V6ONLY, OptionLevel.SOL_SOCKET, 4, 1), true, NtStatus.INVALID_PARAMETER),
                c(wsk, listen, State.OPEN, Call.get(REUSE, OptionLevel.IPPROTO_IPV6, 4), true, NtStatus.INVALID_PARAMETER),
                c(wsk, listen, State.NEVER_CREATED, Call.set(REUSE, 3, 1), true, NtStatus.INVALID_PARAMETER),
                c(wsk, listen, State.CLOSED, Call.get(REUSE, 2), true, NtStatus.BUFFER_TOO_SMALL),
                c(wsk, basic, State.OPEN, Call.set(REUSE, OTHER_LEVEL, 4, 1), true, NtStatus.INVALID_PARAMETER),
                c(wsk, basic, State.OPEN, Call.get(V6ONLY, 0), true, NtStatus.BUFFER_TOO_SMALL),
                c(wsk, basic, State.OPEN, Call.set(UNKNOWN, 4, 1), true, NtStatus.NOT_SUPPORTED),
                // 3. the handle
                c(wsk, listen, State.CLOSED, Call.set(REUSE, 4, 1), true, NtStatus.INVALID_HANDLE),
                c(wsk, listen, State.NEVER_CREATED, Call.bind("0.0.0.0:80"), true, NtStatus.INVALID_HANDLE),
                c(wsk, listen, State.CLOSED, Call.closing(), true, NtStatus.INVALID_HANDLE),
                c(wsk, basic, State.CLOSED, Call.get(REUSE, 4), true, NtStatus.INVALID_HANDLE),
                // 4. the category: a basic socket refuses set and get of all four options, and bind
                c(wsk, basic, State.OPEN, Call.set(REUSE, 4, 1), true, NtStatus.NOT_SUPPORTED),
                c(wsk, basic, State.OPEN, Call.get(REUSE, 4), true, NtStatus.NOT_SUPPORTED),
                c(wsk, basic, State.OPEN, Call.get(OptionCode.SO_EXCLUSIVEADDRUSE, 4), true, NtStatus.NOT_SUPPORTED),
                c(wsk, basic, State.OPEN, Call.get(SECURITY, 8), true, NtStatus.NOT_SUPPORTED),
                c(wsk, basic, State.OPEN, Call.set(V6ONLY, 4, 0), true, NtStatus.NOT_SUPPORTED),
                c(wsk, basic, State.OPEN, Call.get(V6ONLY, 4), true, NtStatus.NOT_SUPPORTED),
                c(wsk, basic, State.OPEN, Call.bind("0.0.0.0:80"), true, NtStatus.NOT_SUPPORTED),
                // 5. the socket's own rules
                c(wsk, listen, State.BOUND, Call.set(V6ONLY, 4, 0), true, NtStatus.INVALID_PARAMETER),
                c(wsk, listen, State.BOUND, Call.get(V6ONLY, 4), true, NtStatus.SUCCESS),
                c(wsk, listen, State.OPEN, Call.set(V6ONLY, 4, 0), true, NtStatus.SUCCESS),
                c(wsk, listen, State.BOUND, Call.bind("127.0.0.1:81"), true, NtStatus.ADDRESS_ALREADY_ASSOCIATED),
                c(wsk, listen, State.OPEN, Call.bind("[::1]:80"), true, NtStatus.INVALID_PARAMETER),
                c(wsk, listen, State.BOUND, Call.set(REUSE, 4, 1), true, NtStatus.SUCCESS),
                // sizes under the user-mode profiles (SPEC.md 7)
                c(win32, listen, State.OPEN, Call.set(REUSE, 1, 1), true, NtStatus.SUCCESS),
                c(win32, listen, State.OPEN, Call.set(REUSE, 0, 1), true, NtStatus.SUCCESS),
                c(win32, listen, State.OPEN, Call.set(REUSE, 3, 1), true, NtStatus.INVALID_PARAMETER),
                c(win32, listen, State.CLOSED, Call.get(REUSE, 0), true, NtStatus.BUFFER_TOO_SMALL),
                c(win32, listen, State.OPEN, Call.get(REUSE, 1), true, NtStatus.SUCCESS),
                c(win32, listen, State.OPEN, Call.set(V6ONLY, 0, 1), true, NtStatus.BUFFER_TOO_SMALL),
                c(win32, listen, State.OPEN, Call.set(V6ONLY, 5, 1), true, NtStatus.INVALID_PARAMETER),
                c(win32, listen, State.OPEN, Call.set(V6ONLY, 8, 1), true, NtStatus.SUCCESS),
                c(win32, basic, State.OPEN, Call.get(REUSE, 0), true, NtStatus.BUFFER_TOO_SMALL));
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3} irp={4} -> {5}")
    @MethodSource("cases")
    void theSessionRunnerAndTheEmbeddingApiAnswerAlike(ProfileId profile, SocketCategory category, State state,
                                                       Call call, boolean irp, NtStatus expected) {
        assertEquals(expected, throughTheRunner(profile, category, state, call, irp), "session runner");
        assertEquals(expected, throughTheApi(profile, category, state, call, irp), "embedding API");
    }

    private static NtStatus throughTheRunner(ProfileId profile, SocketCategory category, State state, Call call,
                                             boolean irp) {
        List<SessionCall> calls = new ArrayList<>();
        calls.add(Sessions.process(4, "SY"));
        SocketRequest request = new SocketRequest(category, AddressFamily.INET, new ProcessId(4), null, null, null, "a");
        calls.add(new SessionCall.CreateSocket(0, request, state != State.NEVER_CREATED, null));
        if (state == State.BOUND) {
            calls.add(Sessions.bind("a", "0.0.0.0:80", "SUCCESS"));
        }
        if (state == State.CLOSED) {
            calls.add(Sessions.close("a", "SUCCESS"));
        }
        if (call.control() != null) {
            calls.add(new SessionCall.Control(0, "a", call.control(), irp, null, null, null));
        } else if (call.bind() != null) {
            calls.add(new SessionCall.Bind(0, "a", TransportAddress.parse(call.bind()), irp, null));
        } else {
            calls.add(new SessionCall.Close(0, "a", irp, null));
        }
        try (WskEmulator kernel = WskEmulator.builder().profile(profile).build()) {
            List<SessionRunner.Report> reports = kernel.sessions().run(SessionRunner.Run.of("order", calls)).reports();
            for (SessionRunner.Report report : reports.subList(0, reports.size() - 1)) {
                assertEquals(true, report.matches(), () -> "setup " + report);
            }
            return reports.get(reports.size() - 1).status();
        }
    }

    private static NtStatus throughTheApi(ProfileId profile, SocketCategory category, State state, Call call,
                                          boolean irp) {
        try (WskEmulator kernel = WskEmulator.builder().profile(profile).build()) {
            kernel.declareProcess(new ProcessId(4), Token.of(Sid.LOCAL_SYSTEM));
            Driver driver = new Driver(kernel);
            SocketId socket = new SocketId(0xBEEF);
            if (state != State.NEVER_CREATED) {
                socket = driver.socket(SocketRequest.of(category, AddressFamily.INET, new ProcessId(4)));
            }
            if (state == State.BOUND) {
                assertEquals(NtStatus.SUCCESS, driver.status(driver.bind(socket, "0.0.0.0:80")));
            }
            if (state == State.CLOSED) {
                assertEquals(NtStatus.SUCCESS, driver.status(driver.close(socket)));
            }
            Irp packet = irp ? new Irp() : null;
            NtStatus returned;
            if (call.control() != null) {
                returned = kernel.controlSocket(socket, call.control(), packet);
            } else if (call.bind() != null) {
                returned = kernel.bind(socket, TransportAddress.parse(call.bind()), packet);
            } else {
                returned = kernel.closeSocket(socket, packet);
            }
            if (returned != NtStatus.PENDING) {
                return returned;
            }
            return packet.completionStage().toCompletableFuture().join().ioStatus().status();
        }
    }
}
