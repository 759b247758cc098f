package org.wskemu.engine.aggregate;

import static org.hamcrest.Matchers.nullValue;

import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wskemu.api.SessionRun;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.CallKind;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.engine.command.DeclareProcess;
import org.wskemu.engine.command.DeclareThread;
import org.wskemu.engine.command.RecordMisuse;
import org.wskemu.engine.command.ResolveSocketContext;
import org.wskemu.engine.command.StartRun;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.ProcessDeclared;
import org.wskemu.api.event.RunStarted;
import org.wskemu.api.event.SocketRefused;
import org.wskemu.api.event.ThreadDeclared;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/** The machine: declarations, runs, and the security context of a new socket (SPEC.md 3). */
class MachineAggregateTest {

    static final ProcessId CREATOR = new ProcessId(10);
    static final ProcessId OWNER = new ProcessId(20);
    static final ProcessId THREADS_PROCESS = new ProcessId(30);
    static final ThreadId IMPERSONATING = new ThreadId(300);
    static final ThreadId PLAIN = new ThreadId(301);
    static final Token CREATOR_TOKEN = Token.of(Sid.parse("S-1-5-21-9-9-9-1010"));
    static final Token OWNER_TOKEN = Token.of(Sid.parse("S-1-5-21-9-9-9-1020"), Sid.BUILTIN_USERS);
    static final Token THREADS_PROCESS_TOKEN = Token.of(Sid.NETWORK_SERVICE);
    static final Token IMPERSONATED = Token.of(Sid.parse("S-1-5-21-9-9-9-3000"), Sid.BUILTIN_ADMINISTRATORS);

    private AggregateTestFixture<MachineAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MachineAggregate.class);
        fixture.registerCommandTargetResolver(new KernelCommandTargetResolver());
        fixture.registerIgnoredField(SocketRefused.class, "reason");
    }

    static Object[] machine() {
        return new Object[] {
                new ProcessDeclared(CREATOR, CREATOR_TOKEN),
                new ProcessDeclared(OWNER, OWNER_TOKEN),
                new ProcessDeclared(THREADS_PROCESS, THREADS_PROCESS_TOKEN),
                new ThreadDeclared(IMPERSONATING, THREADS_PROCESS, IMPERSONATED),
                new ThreadDeclared(PLAIN, THREADS_PROCESS, null)};
    }

    static SocketRequest request(ProcessId creator, ProcessId owningProcess, ThreadId owningThread) {
        return new SocketRequest(SocketCategory.LISTEN, AddressFamily.INET, creator, owningProcess, owningThread,
                null, "s");
    }

    @Nested
    class ContextResolution {

        @ParameterizedTest(name = "owning process {0}, owning thread {1} -> {2}")
        @MethodSource("org.wskemu.engine.aggregate.MachineAggregateTest#resolutionOrder")
        void theContextIsTakenInTheDocumentedOrder(ProcessId owningProcess, ThreadId owningThread, String expected) {
            Token context = switch (expected) {
                case "impersonation" -> IMPERSONATED;
                case "thread's process" -> THREADS_PROCESS_TOKEN;
                case "owning process" -> OWNER_TOKEN;
                default -> CREATOR_TOKEN;
            };
            fixture.given(machine())
                    .when(new ResolveSocketContext(request(CREATOR, owningProcess, owningThread), SessionRun.of(1)))
                    .expectNoEvents()
                    .expectResultMessagePayload(context);
        }

        @Test
        void aRedeclaredProcessGivesItsNewToken() {
            fixture.given(new ProcessDeclared(CREATOR, CREATOR_TOKEN), new ProcessDeclared(CREATOR, OWNER_TOKEN))
                    .when(new ResolveSocketContext(request(CREATOR, null, null), SessionRun.of(0)))
                    .expectResultMessagePayload(OWNER_TOKEN);
        }

        @ParameterizedTest(name = "creator {0}, owning process {1}, owning thread {2}")
        @MethodSource("org.wskemu.engine.aggregate.MachineAggregateTest#undeclared")
        void anUndeclaredProcessOrThreadIsRefusedWithInvalidParameter(ProcessId creator, ProcessId owningProcess,
                                                                      ThreadId owningThread) {
            fixture.given(machine())
                    .when(new ResolveSocketContext(request(creator, owningProcess, owningThread), SessionRun.of(4)))
                    .expectEvents(new SocketRefused("s", SessionRun.of(4), SocketCategory.LISTEN, AddressFamily.INET, creator,
                            owningProcess, owningThread, NtStatus.INVALID_PARAMETER, "any"))
                    .expectResultMessagePayloadMatching(nullValue());
        }

        @Test
        void onAFreshMachineEveryProcessIsUndeclared() {
            fixture.givenNoPriorActivity()
                    .when(new ResolveSocketContext(request(CREATOR, null, null), SessionRun.of(0)))
                    .expectEvents(new SocketRefused("s", SessionRun.of(0), SocketCategory.LISTEN, AddressFamily.INET, CREATOR,
                            null, null, NtStatus.INVALID_PARAMETER, "any"))
                    .expectResultMessagePayloadMatching(nullValue());
        }
    }

    @Nested
    class Declarations {

        @Test
        void aProcessIsDeclaredWithItsToken() {
            fixture.givenNoPriorActivity()
                    .when(new DeclareProcess(CREATOR, CREATOR_TOKEN))
                    .expectEvents(new ProcessDeclared(CREATOR, CREATOR_TOKEN));
        }

        @Test
        void aThreadOfADeclaredProcessIsDeclared() {
            fixture.given(new ProcessDeclared(THREADS_PROCESS, THREADS_PROCESS_TOKEN))
                    .when(new DeclareThread(IMPERSONATING, THREADS_PROCESS, IMPERSONATED))
                    .expectEvents(new ThreadDeclared(IMPERSONATING, THREADS_PROCESS, IMPERSONATED));
        }

        @Test
        void aThreadOfAnUndeclaredProcessIsABugOfTheCaller() {
            fixture.given(new ProcessDeclared(CREATOR, CREATOR_TOKEN))
                    .when(new DeclareThread(PLAIN, THREADS_PROCESS, null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void runsAreNumberedFromOne() {
            fixture.givenNoPriorActivity()
                    .when(new StartRun("a.wsk.jsonl"))
                    .expectEvents(new RunStarted(1, "a.wsk.jsonl"))
                    .expectResultMessagePayload(1L);
            fixture.given(new RunStarted(1, "a"), new RunStarted(2, "b"))
                    .when(new StartRun("c"))
                    .expectEvents(new RunStarted(3, "c"))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void misuseOfAnUnknownSocketIsRecorded() {
            fixture.given(machine())
                    .when(new RecordMisuse(new SocketId(0x99), CallKind.BIND, NtStatus.INVALID_HANDLE, "unknown"))
                    .expectEvents(new CallRefused(new SocketId(0x99), CallKind.BIND, NtStatus.INVALID_HANDLE, "unknown"));
        }
    }

    static Stream<Arguments> resolutionOrder() {
        return Stream.of(
                Arguments.of(null, null, "creating process"),
                Arguments.of(OWNER, null, "owning process"),
                Arguments.of(null, PLAIN, "thread's process"),
                Arguments.of(OWNER, PLAIN, "thread's process"),
                Arguments.of(null, IMPERSONATING, "impersonation"),
                Arguments.of(OWNER, IMPERSONATING, "impersonation"));
    }

    static Stream<Arguments> undeclared() {
        ProcessId stranger = new ProcessId(4242);
        return Stream.of(
                Arguments.of(stranger, null, null),
                Arguments.of(stranger, OWNER, PLAIN),
                Arguments.of(CREATOR, stranger, null),
                Arguments.of(CREATOR, stranger, PLAIN),
                Arguments.of(CREATOR, null, new ThreadId(999)),
                Arguments.of(CREATOR, OWNER, new ThreadId(999)));
    }
}
