package org.wskemu.engine.aggregate;

import static org.wskemu.api.OptionCode.SO_EXCLUSIVEADDRUSE;
import static org.wskemu.api.OptionCode.SO_REUSEADDR;
import static org.wskemu.api.OptionCode.SO_WSK_SECURITY;
import static org.wskemu.engine.aggregate.EventMatchers.bindRefused;
import static org.wskemu.engine.aggregate.EventMatchers.exactly;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wskemu.api.SessionRun;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.CallKind;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlType;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.engine.command.CloseSocket;
import org.wskemu.engine.command.CompleteBind;
import org.wskemu.engine.command.ControlSocket;
import org.wskemu.engine.command.CreateSocket;
import org.wskemu.engine.command.PrepareBind;
import org.wskemu.engine.command.RefuseOnSocket;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.ControlRefused;
import org.wskemu.api.event.DescriptorSet;
import org.wskemu.api.event.OptionRead;
import org.wskemu.api.event.SharingOptionSet;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/** The Socket aggregate's rules of SPEC.md 5, state by state. */
class SocketAggregateTest {

    static final SocketId S = new SocketId(0x51);
    static final ProcessId CREATOR = new ProcessId(700);
    static final Sid USER = Sid.parse("S-1-5-21-1-2-3-1001");
    static final Token CONTEXT = Token.of(USER, Sid.BUILTIN_USERS);
    static final SecurityDescriptor EVERYONE_MAY_SHARE = SecurityDescriptor.parse("D:(A;;GA;;;WD)");
    static final TransportAddress WILDCARD_80 = TransportAddress.parse("0.0.0.0:80");
    static final OptionCode UNKNOWN_OPTION = new OptionCode(0x1234);

    private AggregateTestFixture<SocketAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SocketAggregate.class);
        fixture.registerCommandTargetResolver(new KernelCommandTargetResolver());
        // the reason is a human text, not part of the contract
        fixture.registerIgnoredField(ControlRefused.class, "reason");
        fixture.registerIgnoredField(CallRefused.class, "reason");
    }

    static SocketCreated created(SocketCategory category) {
        return created(category, null);
    }

    static SocketCreated created(SocketCategory category, SecurityDescriptor descriptor) {
        return new SocketCreated(S, "a", SessionRun.of(1), category, AddressFamily.INET, CREATOR, null, null, CONTEXT, descriptor);
    }

    static ControlSocket control(ControlRequest request) {
        return new ControlSocket(S, request, ProfileId.WSK);
    }

    static ControlSocket set(OptionCode option, int value) {
        return control(ControlRequest.set(option, value));
    }

    static ControlSocket get(OptionCode option) {
        return control(ControlRequest.get(option));
    }

    static ControlRefused refused(ControlRequest request, NtStatus status) {
        return new ControlRefused(S, request, status, "any reason");
    }

    static SharingOptionSet optionSet(OptionCode option, int value) {
        return new SharingOptionSet(S, option, value, false);
    }

    static Binding binding(SharingOption option, SecurityDescriptor descriptor) {
        return new Binding(S, "a", SessionRun.of(1), CREATOR, TransportProtocol.TCP, WILDCARD_80, option, descriptor);
    }

    static SocketBound bound(Binding binding) {
        return new SocketBound(S, binding, new BindDecision(ProfileId.WSK, binding.address(), binding.address(),
                binding.option(), NtStatus.SUCCESS, "no binding overlaps " + binding.address(), List.of()));
    }

    static BindRefused bindRefusedBySocket(TransportAddress address, SharingOption option, NtStatus status) {
        return new BindRefused(S, "a", SessionRun.of(1), CREATOR,
                new BindDecision(ProfileId.WSK, address, null, option, status, "any reason", List.of()));
    }

    static Stream<OptionCode> sharingOptions() {
        return Stream.of(SO_REUSEADDR, SO_EXCLUSIVEADDRUSE);
    }

    @Nested
    class WhenCreated {

        @Test
        void createSocketRecordsTheRequestAndResolvedContext() {
            SocketRequest request = new SocketRequest(SocketCategory.DATAGRAM, AddressFamily.INET6, CREATOR,
                    new ProcessId(4), new ThreadId(9), EVERYONE_MAY_SHARE, "udp-a");
            fixture.givenNoPriorActivity()
                    .when(new CreateSocket(S, SessionRun.of(3), request, CONTEXT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SocketCreated(S, "udp-a", SessionRun.of(3), SocketCategory.DATAGRAM, AddressFamily.INET6,
                            CREATOR, new ProcessId(4), new ThreadId(9), CONTEXT, EVERYONE_MAY_SHARE));
        }

        @Test
        void aSocketWithoutLabelIsLabelledWithItsHandle() {
            fixture.givenNoPriorActivity()
                    .when(new CreateSocket(S, SessionRun.of(0), SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, CREATOR),
                            CONTEXT))
                    .expectEvents(new SocketCreated(S, "0x51", SessionRun.of(0), SocketCategory.LISTEN, AddressFamily.INET, CREATOR,
                            null, null, CONTEXT, null));
        }
    }

    @Nested
    class WhenOpen {

        @ParameterizedTest(name = "{0} = {1} enables it")
        @MethodSource("org.wskemu.engine.aggregate.SocketAggregateTest#enablingValues")
        void anyNonZeroValueEnablesTheOption(OptionCode option, int value) {
            fixture.given(created(SocketCategory.LISTEN))
                    .when(set(option, value))
                    .expectEvents(optionSet(option, value))
                    .expectResultMessagePayload(Outcome.of(NtStatus.SUCCESS));
            fixture.given(created(SocketCategory.LISTEN), optionSet(option, value))
                    .when(get(option))
                    .expectEvents(new OptionRead(S, option, 1, null))
                    .expectResultMessagePayload(new Outcome(NtStatus.SUCCESS, 4, new CallResult.OptionValue(1)));
        }

        @ParameterizedTest(name = "{0} = 0 disables it")
        @MethodSource("org.wskemu.engine.aggregate.SocketAggregateTest#sharingOptions")
        void zeroDisablesTheOption(OptionCode option) {
            fixture.given(created(SocketCategory.LISTEN), optionSet(option, 1))
                    .when(set(option, 0))
                    .expectEvents(optionSet(option, 0))
                    .expectResultMessagePayload(Outcome.of(NtStatus.SUCCESS));
            fixture.given(created(SocketCategory.LISTEN), optionSet(option, 1), optionSet(option, 0))
                    .when(get(option))
                    .expectEvents(new OptionRead(S, option, 0, null))
                    .expectResultMessagePayload(new Outcome(NtStatus.SUCCESS, 4, new CallResult.OptionValue(0)));
        }

        @ParameterizedTest(name = "get {0} defaults to 0 with Information 4")
        @MethodSource("org.wskemu.engine.aggregate.SocketAggregateTest#sharingOptions")
        void getDefaultsToZeroWithInformationFour(OptionCode option) {
            fixture.given(created(SocketCategory.STREAM))
                    .when(get(option))
                    .expectEvents(new OptionRead(S, option, 0, null))
                    .expectResultMessagePayload(new Outcome(NtStatus.SUCCESS, 4, new CallResult.OptionValue(0)));
        }

        @ParameterizedTest(name = "enabling {1} while {0} is enabled is refused")
        @MethodSource("org.wskemu.engine.aggregate.SocketAggregateTest#optionPairs")
        void enablingOneWhileTheOtherIsEnabledIsInvalidParameter(OptionCode enabled, OptionCode other) {
            ControlRequest request = ControlRequest.set(other, 1);
            fixture.given(created(SocketCategory.LISTEN), optionSet(enabled, 5))
                    .when(control(request))
                    .expectEvents(refused(request, NtStatus.INVALID_PARAMETER))
                    .expectResultMessagePayload(Outcome.of(NtStatus.INVALID_PARAMETER));
        }

        @ParameterizedTest(name = "disabling {1} while {0} is enabled succeeds")
        @MethodSource("org.wskemu.engine.aggregate.SocketAggregateTest#optionPairs")
        void disablingTheOtherWhileOneIsEnabledSucceeds(OptionCode enabled, OptionCode other) {
            fixture.given(created(SocketCategory.LISTEN), optionSet(enabled, 1))
                    .when(set(other, 0))
                    .expectEvents(optionSet(other, 0))
                    .expectResultMessagePayload(Outcome.of(NtStatus.SUCCESS));
        }

        @ParameterizedTest(name = "enabling {1} after {0} was disabled again succeeds")
        @MethodSource("org.wskemu.engine.aggregate.SocketAggregateTest#optionPairs")
        void enablingTheOtherAfterTheFirstWasDisabledSucceeds(OptionCode first, OptionCode other) {
            fixture.given(created(SocketCategory.LISTEN), optionSet(first, 1), optionSet(first, 0))
                    .when(set(other, 1))
                    .expectEvents(optionSet(other, 1))
                    .expectResultMessagePayload(Outcome.of(NtStatus.SUCCESS));
        }

        @ParameterizedTest(name = "set {0} on a basic socket is NOT_SUPPORTED")
        @MethodSource("org.wskemu.engine.aggregate.SocketAggregateTest#sharingOptions")
        void sharingOptionOnABasicSocketIsNotSupported(OptionCode option) {
            ControlRequest request = ControlRequest.set(option, 1);
            fixture.given(created(SocketCategory.BASIC))
                    .when(control(request))
                    .expectEvents(refused(request, NtStatus.NOT_SUPPORTED))
                    .expectResultMessagePayload(Outcome.of(NtStatus.NOT_SUPPORTED));
        }

        @Test
        void aLargerOutputBufferIsFine() {
            fixture.given(created(SocketCategory.LISTEN), optionSet(SO_EXCLUSIVEADDRUSE, 1))
                    .when(control(ControlRequest.get(SO_EXCLUSIVEADDRUSE).withOutputSize(16)))
                    .expectEvents(new OptionRead(S, SO_EXCLUSIVEADDRUSE, 1, null))
                    .expectResultMessagePayload(new Outcome(NtStatus.SUCCESS, 4, new CallResult.OptionValue(1)));
        }

        @Test
        void getSecurityAnswersTheGivenDescriptor() {
            fixture.given(created(SocketCategory.LISTEN, EVERYONE_MAY_SHARE))
                    .when(get(SO_WSK_SECURITY))
                    .expectEvents(new OptionRead(S, SO_WSK_SECURITY, null, EVERYONE_MAY_SHARE))
                    .expectResultMessagePayload(new Outcome(NtStatus.SUCCESS, SocketAggregate.POINTER_SIZE,
                            new CallResult.Descriptor(EVERYONE_MAY_SHARE)));
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("org.wskemu.engine.aggregate.SocketAggregateTest#defaultDescriptors")
        void getSecurityWithoutDescriptorAnswersTheProfileDefault(ProfileId profile, String sddl) {
            SecurityDescriptor expected = SecurityDescriptor.parse(sddl);
            fixture.given(created(SocketCategory.LISTEN))
                    .when(new ControlSocket(S, ControlRequest.get(SO_WSK_SECURITY), profile))
                    .expectEvents(new OptionRead(S, SO_WSK_SECURITY, null, expected))
                    .expectResultMessagePayload(new Outcome(NtStatus.SUCCESS, SocketAggregate.POINTER_SIZE,
                            new CallResult.Descriptor(expected)));
        }

        @Test
        void setSecurityReplacesTheDescriptor() {
            SecurityDescriptor nullDacl = SecurityDescriptor.parse("D:NO_ACCESS_CONTROL");
            fixture.given(created(SocketCategory.LISTEN, EVERYONE_MAY_SHARE))
                    .when(control(ControlRequest.setSecurity(nullDacl)))
                    .expectEvents(new DescriptorSet(S, nullDacl, false))
                    .expectResultMessagePayload(Outcome.of(NtStatus.SUCCESS));
            fixture.given(created(SocketCategory.LISTEN, EVERYONE_MAY_SHARE), new DescriptorSet(S, nullDacl, false))
                    .when(get(SO_WSK_SECURITY))
                    .expectEvents(new OptionRead(S, SO_WSK_SECURITY, null, nullDacl))
                    .expectResultMessagePayload(new Outcome(NtStatus.SUCCESS, SocketAggregate.POINTER_SIZE,
                            new CallResult.Descriptor(nullDacl)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.wskemu.engine.aggregate.SocketAggregateTest#unknownOptionRequests")
        void anyOtherOptionIsNotSupported(ControlRequest request) {
            fixture.given(created(SocketCategory.LISTEN))
                    .when(control(request))
                    .expectEvents(refused(request, NtStatus.NOT_SUPPORTED))
                    .expectResultMessagePayload(Outcome.of(NtStatus.NOT_SUPPORTED));
        }

        @Test
        void prepareBindAnswersTheCandidateWithTheOptionAndEffectiveDescriptorNow() {
            fixture.given(created(SocketCategory.LISTEN), optionSet(SO_EXCLUSIVEADDRUSE, 1))
                    .when(new PrepareBind(S, WILDCARD_80, ProfileId.WSK))
                    .expectNoEvents()
                    .expectResultMessagePayload(new BindPreparation.Candidate(binding(SharingOption.SO_EXCLUSIVEADDRUSE,
                            SecurityDescriptor.ownerOnly(USER)), CONTEXT));
        }

        @Test
        void prepareBindOfADatagramSocketNamesUdp() {
            TransportAddress address = TransportAddress.parse("10.0.0.5:53");
            fixture.given(created(SocketCategory.DATAGRAM, EVERYONE_MAY_SHARE), optionSet(SO_REUSEADDR, 1))
                    .when(new PrepareBind(S, address, ProfileId.WSK))
                    .expectNoEvents()
                    .expectResultMessagePayload(new BindPreparation.Candidate(new Binding(S, "a", SessionRun.of(1), CREATOR,
                            TransportProtocol.UDP, address, SharingOption.SO_REUSEADDR, EVERYONE_MAY_SHARE), CONTEXT));
        }

        @Test
        void bindOfABasicSocketIsNotSupported() {
            fixture.given(created(SocketCategory.BASIC))
                    .when(new PrepareBind(S, WILDCARD_80, ProfileId.WSK))
                    .expectEventsMatching(exactly(bindRefused(
                            bindRefusedBySocket(WILDCARD_80, SharingOption.NONE, NtStatus.NOT_SUPPORTED))))
                    .expectResultMessagePayload(new BindPreparation.Refused(NtStatus.NOT_SUPPORTED));
        }

        @Test
        void bindToAnAddressOfTheOtherFamilyIsInvalidParameter() {
            TransportAddress v6 = TransportAddress.parse("[::1]:80");
            fixture.given(created(SocketCategory.LISTEN), optionSet(SO_REUSEADDR, 1))
                    .when(new PrepareBind(S, v6, ProfileId.WSK))
                    .expectEventsMatching(exactly(bindRefused(
                            bindRefusedBySocket(v6, SharingOption.SO_REUSEADDR, NtStatus.INVALID_PARAMETER))))
                    .expectResultMessagePayload(new BindPreparation.Refused(NtStatus.INVALID_PARAMETER));
        }

        @Test
        void completeBindRecordsTheBinding() {
            Binding binding = binding(SharingOption.NONE, SecurityDescriptor.ownerOnly(USER));
            SocketBound bound = bound(binding);
            fixture.given(created(SocketCategory.LISTEN))
                    .when(new CompleteBind(S, binding, bound.decision()))
                    .expectEvents(bound);
        }

        @Test
        void closeOfAnUnboundSocketReleasesNothing() {
            fixture.given(created(SocketCategory.LISTEN))
                    .when(new CloseSocket(S))
                    .expectEvents(new SocketClosed(S, null))
                    .expectResultMessagePayload(new Closing(NtStatus.SUCCESS, null));
        }

        @Test
        void aCallRefusedAtOnceIsRecordedOnTheSocket() {
            fixture.given(created(SocketCategory.LISTEN))
                    .when(new RefuseOnSocket(S, CallKind.BIND, null, NtStatus.INVALID_PARAMETER, "NULL IRP"))
                    .expectEvents(new CallRefused(S, CallKind.BIND, NtStatus.INVALID_PARAMETER, "NULL IRP"));
            ControlRequest request = ControlRequest.set(SO_REUSEADDR, 1).withInputSize(2);
            fixture.given(created(SocketCategory.LISTEN))
                    .when(new RefuseOnSocket(S, CallKind.SET, request, NtStatus.INVALID_PARAMETER, "InputSize"))
                    .expectEvents(refused(request, NtStatus.INVALID_PARAMETER));
        }
    }

    @Nested
    class WhenBound {

        private final Binding binding = binding(SharingOption.SO_REUSEADDR, EVERYONE_MAY_SHARE);

        private Object[] history(Object... more) {
            Object[] base = {created(SocketCategory.LISTEN, EVERYONE_MAY_SHARE), optionSet(SO_REUSEADDR, 1),
                    bound(binding)};
            Object[] all = new Object[base.length + more.length];
            System.arraycopy(base, 0, all, 0, base.length);
            System.arraycopy(more, 0, all, base.length, more.length);
            return all;
        }

        @ParameterizedTest(name = "set {0} = 0 after bind is accepted and marked")
        @MethodSource("org.wskemu.engine.aggregate.SocketAggregateTest#sharingOptions")
        void aSharingOptionSetAfterBindIsAcceptedAndMarked(OptionCode option) {
            fixture.given(history())
                    .when(set(option, 0))
                    .expectEvents(new SharingOptionSet(S, option, 0, true))
                    .expectResultMessagePayload(Outcome.of(NtStatus.SUCCESS));
        }

        @Test
        void anOptionSetAfterBindIsReadable() {
            fixture.given(history(new SharingOptionSet(S, SO_REUSEADDR, 0, true)))
                    .when(get(SO_REUSEADDR))
                    .expectEvents(new OptionRead(S, SO_REUSEADDR, 0, null))
                    .expectResultMessagePayload(new Outcome(NtStatus.SUCCESS, 4, new CallResult.OptionValue(0)));
        }

        @Test
        void theExclusionRuleStillHoldsAfterBind() {
            ControlRequest request = ControlRequest.set(SO_EXCLUSIVEADDRUSE, 1);
            fixture.given(history())
                    .when(control(request))
                    .expectEvents(refused(request, NtStatus.INVALID_PARAMETER))
                    .expectResultMessagePayload(Outcome.of(NtStatus.INVALID_PARAMETER));
        }

        @Test
        void aDescriptorSetAfterBindIsAcceptedAndMarked() {
            SecurityDescriptor ownerOnly = SecurityDescriptor.ownerOnly(USER);
            fixture.given(history())
                    .when(control(ControlRequest.setSecurity(ownerOnly)))
                    .expectEvents(new DescriptorSet(S, ownerOnly, true))
                    .expectResultMessagePayload(Outcome.of(NtStatus.SUCCESS));
        }

        @Test
        void aSecondBindIsAddressAlreadyAssociated() {
            // SPEC.md 5 changed (issue #12, Wine afd.c test_bind): was INVALID_PARAMETER
            TransportAddress other = TransportAddress.parse("127.0.0.1:81");
            fixture.given(history())
                    .when(new PrepareBind(S, other, ProfileId.WSK))
                    .expectEventsMatching(exactly(bindRefused(
                            bindRefusedBySocket(other, SharingOption.SO_REUSEADDR, NtStatus.ADDRESS_ALREADY_ASSOCIATED))))
                    .expectResultMessagePayload(new BindPreparation.Refused(NtStatus.ADDRESS_ALREADY_ASSOCIATED));
        }

        @Test
        void completingASecondBindIsAnEngineBug() {
            fixture.given(history())
                    .when(new CompleteBind(S, binding, bound(binding).decision()))
                    .expectException(IllegalStateException.class)
                    .expectNoEvents();
        }

        @Test
        void closeReleasesTheBindingItWasBoundWith() {
            fixture.given(history(new SharingOptionSet(S, SO_REUSEADDR, 0, true)))
                    .when(new CloseSocket(S))
                    .expectEvents(new SocketClosed(S, binding))
                    .expectResultMessagePayload(new Closing(NtStatus.SUCCESS, binding));
        }
    }

    @Nested
    class WhenClosed {

        private final Object[] history = {created(SocketCategory.LISTEN), optionSet(SO_REUSEADDR, 1),
                new SocketClosed(S, null)};

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.wskemu.engine.aggregate.SocketAggregateTest#everyControlRequest")
        void everyControlCallIsInvalidHandle(ControlRequest request) {
            fixture.given(history)
                    .when(control(request))
                    .expectEvents(new CallRefused(S, CallKind.forControl(request.type()), NtStatus.INVALID_HANDLE, "x"))
                    .expectResultMessagePayload(Outcome.of(NtStatus.INVALID_HANDLE));
        }

        @Test
        void bindIsInvalidHandle() {
            fixture.given(history)
                    .when(new PrepareBind(S, WILDCARD_80, ProfileId.WSK))
                    .expectEvents(new CallRefused(S, CallKind.BIND, NtStatus.INVALID_HANDLE, "x"))
                    .expectResultMessagePayload(new BindPreparation.Refused(NtStatus.INVALID_HANDLE));
        }

        @Test
        void aSecondCloseIsInvalidHandle() {
            fixture.given(history)
                    .when(new CloseSocket(S))
                    .expectEvents(new CallRefused(S, CallKind.CLOSE, NtStatus.INVALID_HANDLE, "x"))
                    .expectResultMessagePayload(new Closing(NtStatus.INVALID_HANDLE, null));
        }

        @Test
        void completingABindIsAnEngineBug() {
            Binding binding = binding(SharingOption.NONE, EVERYONE_MAY_SHARE);
            fixture.given(history)
                    .when(new CompleteBind(S, binding, bound(binding).decision()))
                    .expectException(IllegalStateException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class WhenClosedAfterBind {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.wskemu.engine.aggregate.SocketAggregateTest#callsOnASocket")
        void everyCallIsInvalidHandle(CallKind kind, Object command) {
            Binding binding = binding(SharingOption.NONE, EVERYONE_MAY_SHARE);
            fixture.given(created(SocketCategory.LISTEN, EVERYONE_MAY_SHARE), bound(binding),
                            new SocketClosed(S, binding))
                    .when(command)
                    .expectEvents(new CallRefused(S, kind, NtStatus.INVALID_HANDLE, "x"));
        }
    }

    // ---- tables ---------------------------------------------------------------------------------

    static Stream<Arguments> callsOnASocket() {
        return Stream.of(
                Arguments.of(CallKind.SET, set(SO_REUSEADDR, 1)),
                Arguments.of(CallKind.GET, get(SO_WSK_SECURITY)),
                Arguments.of(CallKind.BIND, new PrepareBind(S, WILDCARD_80, ProfileId.WSK)),
                Arguments.of(CallKind.CLOSE, new CloseSocket(S)));
    }

    static Stream<Arguments> enablingValues() {
        return sharingOptions().flatMap(option -> Stream.of(1, 2, 4, 0x7FFF_FFFF, -1, Integer.MIN_VALUE)
                .map(value -> Arguments.of(option, value)));
    }

    static Stream<Arguments> optionPairs() {
        return Stream.of(Arguments.of(SO_REUSEADDR, SO_EXCLUSIVEADDRUSE), Arguments.of(SO_EXCLUSIVEADDRUSE, SO_REUSEADDR));
    }

    static Stream<ControlRequest> badLevels() {
        OptionLevel ipproto = new OptionLevel(0);
        OptionLevel tcp = new OptionLevel(6);
        return Stream.of(
                ControlRequest.set(SO_REUSEADDR, 1).withLevel(ipproto),
                ControlRequest.set(SO_EXCLUSIVEADDRUSE, 1).withLevel(tcp),
                ControlRequest.get(SO_REUSEADDR).withLevel(tcp),
                ControlRequest.get(SO_EXCLUSIVEADDRUSE).withLevel(ipproto),
                ControlRequest.setSecurity(EVERYONE_MAY_SHARE).withLevel(tcp),
                ControlRequest.get(SO_WSK_SECURITY).withLevel(tcp));
    }

    static Stream<ControlRequest> unknownOptionRequests() {
        return Stream.of(
                ControlRequest.set(UNKNOWN_OPTION, 1),
                ControlRequest.get(UNKNOWN_OPTION),
                // the level and size rules are those of the emulated options; any other option is simply unsupported
                ControlRequest.get(new OptionCode(0x0008)).withLevel(new OptionLevel(6)).withOutputSize(0),
                ControlRequest.set(new OptionCode(0x0080), 1).withInputSize(8));
    }

    static Stream<Arguments> defaultDescriptors() {
        return Stream.of(
                Arguments.of(ProfileId.WSK, "O:" + USER + "D:"),
                Arguments.of(ProfileId.WIN32_LEGACY, "O:" + USER + "D:"),
                Arguments.of(ProfileId.WIN32, "O:" + USER + "D:(A;;GA;;;" + USER + ")"));
    }

    static Stream<ControlRequest> everyControlRequest() {
        return Stream.concat(Stream.of(
                ControlRequest.set(SO_REUSEADDR, 1),
                ControlRequest.set(SO_EXCLUSIVEADDRUSE, 0),
                ControlRequest.get(SO_REUSEADDR),
                ControlRequest.get(SO_EXCLUSIVEADDRUSE).withOutputSize(3),
                ControlRequest.set(SO_REUSEADDR, 1).withInputSize(2),
                ControlRequest.setSecurity(EVERYONE_MAY_SHARE),
                ControlRequest.get(SO_WSK_SECURITY)), Stream.concat(badLevels(), unknownOptionRequests()));
    }
}
