package org.wskemu.engine.aggregate;

import static org.wskemu.api.SharingOption.NONE;
import static org.wskemu.api.SharingOption.SO_EXCLUSIVEADDRUSE;
import static org.wskemu.api.SharingOption.SO_REUSEADDR;
import static org.wskemu.engine.aggregate.EventMatchers.exactly;
import static org.wskemu.engine.aggregate.EventMatchers.payload;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wskemu.api.SessionRun;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.PortKey;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.engine.command.DecideBind;
import org.wskemu.engine.command.ReleaseBinding;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.PortBindingAdded;
import org.wskemu.api.event.PortBindingReleased;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * The Port aggregate's bind decision of SPEC.md 6 on the bindings it holds. The given states need
 * not be reachable: the port decides on whatever it holds.
 */
class PortAggregateTest {

    static final PortKey PORT = new PortKey(TransportProtocol.TCP, AddressFamily.INET, 80);
    static final Sid ALICE = Sid.parse("S-1-5-21-1-2-3-1001");
    static final Sid BOB = Sid.parse("S-1-5-21-1-2-3-1002");
    static final Token ALICE_TOKEN = Token.of(ALICE, Sid.BUILTIN_USERS);
    static final Token BOB_TOKEN = Token.of(BOB, Sid.BUILTIN_USERS);
    static final String EVERYONE = "D:(A;;GA;;;WD)";
    static final String NULL_DACL = "D:NO_ACCESS_CONTROL";
    static final String OWNER_ONLY = "O:SYD:";
    static final String READ_ONLY = "D:(A;;GR;;;WD)";
    static final String ALICE_ONLY = "O:" + ALICE + "D:(A;;GA;;;" + ALICE + ")";
    static final SocketId NEW = new SocketId(0x100);

    private AggregateTestFixture<PortAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PortAggregate.class);
        fixture.registerCommandTargetResolver(new KernelCommandTargetResolver());
    }

    static Binding binding(long socket, String host, SharingOption option, String sddl) {
        return new Binding(new SocketId(socket), "s" + socket, SessionRun.of(1), new ProcessId(4), TransportProtocol.TCP,
                TransportAddress.parse(host + ":80"), option, SecurityDescriptor.parse(sddl));
    }

    static PortBindingAdded added(Binding binding) {
        return new PortBindingAdded(PORT, binding);
    }

    static Binding candidate(String host, SharingOption option) {
        return new Binding(NEW, "new", SessionRun.of(1), new ProcessId(700), TransportProtocol.TCP,
                TransportAddress.parse(host + ":80"), option, SecurityDescriptor.ownerOnly(ALICE));
    }

    static DecideBind decide(Binding candidate, Token context) {
        return new DecideBind(PORT, candidate, candidate.address(), context, ProfileId.WSK);
    }

    /** A decision with this status and these consulted cells (and outcomes), in order. */
    static Matcher<Object> decision(NtStatus status, TransportAddress actual, List<SharingCell> cells,
                                    List<NtStatus> outcomes) {
        return payload(BindDecision.class, status + " after " + cells + " -> " + outcomes,
                d -> matches(d, status, actual, cells, outcomes));
    }

    static boolean matches(BindDecision d, NtStatus status, TransportAddress actual, List<SharingCell> cells,
                           List<NtStatus> outcomes) {
        return d.profile() == ProfileId.WSK && d.status() == status && Objects.equals(d.actual(), actual)
                && d.consultations().stream().map(Consultation::cell).toList().equals(cells)
                && d.consultations().stream().map(Consultation::outcome).toList().equals(outcomes);
    }

    static Matcher<Object> refusedFor(Binding candidate, NtStatus status, List<SharingCell> cells,
                                      List<NtStatus> outcomes) {
        return payload(BindRefused.class, "of " + candidate.label() + " with " + status,
                e -> e.socket().equals(candidate.socket()) && e.label().equals(candidate.label())
                        && e.run() == candidate.run() && e.process().equals(candidate.process())
                        && e.decision().requested().equals(candidate.address())
                        && e.decision().option() == candidate.option()
                        && matches(e.decision(), status, null, cells, outcomes));
    }

    @Test
    void aBindOnAFreshPortSucceedsWithoutConsultingAnyone() {
        Binding candidate = candidate("0.0.0.0", NONE);
        fixture.givenNoPriorActivity()
                .when(decide(candidate, ALICE_TOKEN))
                .expectEvents(added(candidate))
                .expectResultMessagePayloadMatching(decision(NtStatus.SUCCESS, candidate.address(), List.of(), List.of()));
    }

    @Nested
    class WithOneBinding {

        @ParameterizedTest(name = "first {0} {1} ({2}) then second {3} {4} as {5} -> {6} {7}")
        @MethodSource("org.wskemu.engine.aggregate.PortAggregateTest#cells")
        void theCellOfTheExistingBindingThenTheNewOneDecides(SharingOption firstOption, String firstHost,
                String firstSddl, SharingOption secondOption, String secondHost, String who, SharingCell cell,
                NtStatus expected) {
            Binding first = binding(1, firstHost, firstOption, firstSddl);
            Binding candidate = candidate(secondHost, secondOption);
            Token context = who.equals("alice") ? ALICE_TOKEN : BOB_TOKEN;
            List<SharingCell> cells = List.of(cell);
            List<NtStatus> outcomes = List.of(expected);
            if (expected.isSuccess()) {
                fixture.given(added(first))
                        .when(decide(candidate, context))
                        .expectEvents(added(candidate))
                        .expectResultMessagePayloadMatching(decision(expected, candidate.address(), cells, outcomes));
            } else {
                fixture.given(added(first))
                        .when(decide(candidate, context))
                        .expectEventsMatching(exactly(refusedFor(candidate, expected, cells, outcomes)))
                        .expectResultMessagePayloadMatching(decision(expected, null, cells, outcomes));
            }
        }

        @Test
        void twoDifferentSpecificAddressesNeverOverlap() {
            Binding candidate = candidate("10.0.0.2", SO_EXCLUSIVEADDRUSE);
            fixture.given(added(binding(1, "10.0.0.1", SO_EXCLUSIVEADDRUSE, OWNER_ONLY)))
                    .when(decide(candidate, BOB_TOKEN))
                    .expectEvents(added(candidate))
                    .expectResultMessagePayloadMatching(decision(NtStatus.SUCCESS, candidate.address(), List.of(), List.of()));
        }

        @Test
        void theAccessCheckTraceIsKeptWithACheckCell() {
            Binding candidate = candidate("10.0.0.1", NONE);
            fixture.given(added(binding(1, "0.0.0.0", NONE, OWNER_ONLY)))
                    .when(decide(candidate, ALICE_TOKEN))
                    .expectResultMessagePayloadMatching(payload(BindDecision.class, "with a refused trace",
                            d -> d.deciding() != null && d.deciding().trace() != null
                                    && d.deciding().existing().socket().equals(new SocketId(1))));
        }
    }

    @Nested
    class WithSeveralBindings {

        private final Binding reuseWildcard = binding(1, "0.0.0.0", SO_REUSEADDR, EVERYONE);
        private final Binding reuseSpecific = binding(2, "10.0.0.1", SO_REUSEADDR, EVERYONE);
        private final Binding exclusiveSpecific = binding(3, "10.0.0.1", SO_EXCLUSIVEADDRUSE, EVERYONE);
        private final Binding candidate = candidate("10.0.0.1", NONE);

        @Test
        void theFirstFailureInBindOrderDecides() {
            // first REUSE W then NONE S -> CHECK (granted); first REUSE S then NONE S -> DENIED decides;
            // first EXCL S then NONE S would be INUSE, but is never consulted
            List<SharingCell> cells = List.of(SharingCell.CHECK, SharingCell.DENIED);
            List<NtStatus> outcomes = List.of(NtStatus.SUCCESS, NtStatus.ACCESS_DENIED);
            fixture.given(added(reuseWildcard), added(reuseSpecific), added(exclusiveSpecific))
                    .when(decide(candidate, ALICE_TOKEN))
                    .expectEventsMatching(exactly(refusedFor(candidate, NtStatus.ACCESS_DENIED, cells, outcomes)))
                    .expectResultMessagePayloadMatching(payload(BindDecision.class, "decided by socket 2",
                            d -> matches(d, NtStatus.ACCESS_DENIED, null, cells, outcomes)
                                    && d.deciding().existing().equals(reuseSpecific)));
        }

        @Test
        void inTheOtherBindOrderTheOtherFailureDecides() {
            List<SharingCell> cells = List.of(SharingCell.CHECK, SharingCell.INUSE);
            List<NtStatus> outcomes = List.of(NtStatus.SUCCESS, NtStatus.ADDRESS_ALREADY_EXISTS);
            fixture.given(added(reuseWildcard), added(exclusiveSpecific), added(reuseSpecific))
                    .when(decide(candidate, ALICE_TOKEN))
                    .expectEventsMatching(exactly(refusedFor(candidate, NtStatus.ADDRESS_ALREADY_EXISTS, cells, outcomes)))
                    .expectResultMessagePayloadMatching(payload(BindDecision.class, "decided by socket 3",
                            d -> matches(d, NtStatus.ADDRESS_ALREADY_EXISTS, null, cells, outcomes)
                                    && d.deciding().existing().equals(exclusiveSpecific)));
        }

        @Test
        void aBindSharedWithEveryOverlappingBindingSucceeds() {
            Binding reuse = candidate("10.0.0.1", SO_REUSEADDR);
            fixture.given(added(reuseWildcard), added(reuseSpecific), added(binding(4, "10.0.0.2", NONE, OWNER_ONLY)))
                    .when(decide(reuse, BOB_TOKEN))
                    .expectEvents(added(reuse))
                    .expectResultMessagePayloadMatching(decision(NtStatus.SUCCESS, reuse.address(),
                            List.of(SharingCell.SUCCESS, SharingCell.SUCCESS), List.of(NtStatus.SUCCESS, NtStatus.SUCCESS)));
        }

        @Test
        void equivalentBindingsAreConsultedOnceAndCounted() {
            Binding twin = binding(5, "0.0.0.0", SO_REUSEADDR, EVERYONE);
            Binding reuse = candidate("0.0.0.0", SO_REUSEADDR);
            fixture.given(added(reuseWildcard), added(twin))
                    .when(decide(reuse, BOB_TOKEN))
                    .expectEvents(added(reuse))
                    .expectResultMessagePayloadMatching(payload(BindDecision.class, "one consultation, one alike",
                            d -> d.status().isSuccess() && d.consultations().size() == 1
                                    && d.consultations().get(0).alike() == 1));
        }

        @Test
        void aReleasedBindingIsNoLongerConsulted() {
            Binding exclusive = binding(6, "0.0.0.0", SO_EXCLUSIVEADDRUSE, OWNER_ONLY);
            Binding wildcard = candidate("0.0.0.0", NONE);
            fixture.given(added(exclusive), new PortBindingReleased(PORT, exclusive.socket()))
                    .when(decide(wildcard, BOB_TOKEN))
                    .expectEvents(added(wildcard))
                    .expectResultMessagePayloadMatching(decision(NtStatus.SUCCESS, wildcard.address(), List.of(), List.of()));
        }
    }

    @Nested
    class Release {

        @Test
        void releaseDropsTheSocketsBinding() {
            Binding held = binding(1, "0.0.0.0", NONE, OWNER_ONLY);
            fixture.given(added(held), added(binding(2, "10.0.0.1", NONE, EVERYONE)))
                    .when(new ReleaseBinding(PORT, held.socket()))
                    .expectEvents(new PortBindingReleased(PORT, held.socket()));
        }

        @Test
        void releaseOfASocketThePortDoesNotHoldRecordsNothing() {
            fixture.given(added(binding(1, "0.0.0.0", NONE, OWNER_ONLY)))
                    .when(new ReleaseBinding(PORT, new SocketId(99)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    static Stream<Arguments> cells() {
        return Stream.of(
                cell(NONE, "0.0.0.0", EVERYONE, NONE, "0.0.0.0", "alice", SharingCell.INUSE, NtStatus.ADDRESS_ALREADY_EXISTS),
                cell(NONE, "0.0.0.0", EVERYONE, SO_REUSEADDR, "0.0.0.0", "alice", SharingCell.DENIED, NtStatus.ACCESS_DENIED),
                cell(NONE, "10.0.0.1", OWNER_ONLY, NONE, "0.0.0.0", "bob", SharingCell.SUCCESS, NtStatus.SUCCESS),
                cell(NONE, "10.0.0.1", EVERYONE, NONE, "10.0.0.1", "alice", SharingCell.INUSE, NtStatus.ADDRESS_ALREADY_EXISTS),
                cell(NONE, "10.0.0.1", EVERYONE, SO_REUSEADDR, "10.0.0.1", "alice", SharingCell.DENIED, NtStatus.ACCESS_DENIED),
                cell(SO_REUSEADDR, "0.0.0.0", OWNER_ONLY, SO_REUSEADDR, "0.0.0.0", "bob", SharingCell.SUCCESS, NtStatus.SUCCESS),
                cell(SO_REUSEADDR, "0.0.0.0", OWNER_ONLY, SO_REUSEADDR, "10.0.0.1", "bob", SharingCell.SUCCESS, NtStatus.SUCCESS),
                cell(SO_REUSEADDR, "10.0.0.1", EVERYONE, NONE, "10.0.0.1", "alice", SharingCell.DENIED, NtStatus.ACCESS_DENIED),
                cell(SO_EXCLUSIVEADDRUSE, "0.0.0.0", EVERYONE, NONE, "10.0.0.1", "alice", SharingCell.DENIED, NtStatus.ACCESS_DENIED),
                cell(SO_EXCLUSIVEADDRUSE, "0.0.0.0", NULL_DACL, SO_EXCLUSIVEADDRUSE, "0.0.0.0", "alice", SharingCell.INUSE, NtStatus.ADDRESS_ALREADY_EXISTS),
                cell(SO_EXCLUSIVEADDRUSE, "10.0.0.1", EVERYONE, SO_REUSEADDR, "0.0.0.0", "bob", SharingCell.SUCCESS, NtStatus.SUCCESS),
                cell(SO_EXCLUSIVEADDRUSE, "10.0.0.1", EVERYONE, SO_EXCLUSIVEADDRUSE, "10.0.0.1", "bob", SharingCell.INUSE, NtStatus.ADDRESS_ALREADY_EXISTS),
                // CHECK cells: the new socket's context against the existing binding's descriptor
                cell(NONE, "0.0.0.0", EVERYONE, NONE, "10.0.0.1", "bob", SharingCell.CHECK, NtStatus.SUCCESS),
                cell(NONE, "0.0.0.0", NULL_DACL, SO_REUSEADDR, "10.0.0.1", "bob", SharingCell.CHECK, NtStatus.SUCCESS),
                cell(NONE, "0.0.0.0", OWNER_ONLY, NONE, "10.0.0.1", "alice", SharingCell.CHECK, NtStatus.ACCESS_DENIED),
                cell(SO_REUSEADDR, "0.0.0.0", READ_ONLY, NONE, "10.0.0.1", "alice", SharingCell.CHECK, NtStatus.ACCESS_DENIED),
                cell(SO_REUSEADDR, "0.0.0.0", ALICE_ONLY, SO_EXCLUSIVEADDRUSE, "10.0.0.1", "alice", SharingCell.CHECK, NtStatus.SUCCESS),
                cell(SO_REUSEADDR, "0.0.0.0", ALICE_ONLY, SO_EXCLUSIVEADDRUSE, "10.0.0.1", "bob", SharingCell.CHECK, NtStatus.ACCESS_DENIED));
    }

    private static Arguments cell(SharingOption firstOption, String firstHost, String firstSddl,
                                  SharingOption secondOption, String secondHost, String who, SharingCell cell,
                                  NtStatus expected) {
        return Arguments.of(firstOption, firstHost, firstSddl, secondOption, secondHost, who, cell, expected);
    }
}
