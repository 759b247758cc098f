package org.wskemu.engine.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.api.SharingOption.NONE;
import static org.wskemu.api.SharingOption.SO_EXCLUSIVEADDRUSE;
import static org.wskemu.api.SharingOption.SO_REUSEADDR;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wskemu.api.SessionRun;
import org.wskemu.api.NtStatus;
import org.wskemu.api.PortKey;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.security.AccessTrace;
import org.wskemu.security.Decider;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * The bind decision of SPEC.md 6 as a pure function. Socket {@code n} is labelled {@code sn}; the
 * requesting socket's context is {@link #SECOND}, a user other than the first sockets' owner.
 */
class BindArbiterTest {

    private static final SharingProfile WSK = SharingProfile.of(ProfileId.WSK);
    private static final SharingProfile WIN32 = SharingProfile.of(ProfileId.WIN32);
    private static final SharingProfile LEGACY = SharingProfile.of(ProfileId.WIN32_LEGACY);

    private static final String FIRST_USER = "S-1-5-21-7-7-7-1001";
    private static final String SECOND_USER = "S-1-5-21-7-7-7-1002";
    private static final Token SECOND = Token.of(Sid.parse(SECOND_USER), Sid.BUILTIN_USERS);
    /** Grants the second socket's context: Everyone may share. */
    private static final SecurityDescriptor GRANTS = SecurityDescriptor.parse("D:(A;;GA;;;WD)");
    /** The wsk default descriptor of the first user: refuses everyone. */
    private static final SecurityDescriptor REFUSES = SecurityDescriptor.ownerOnly(Sid.parse(FIRST_USER));

    private static Binding binding(long socket, String address, SharingOption option) {
        return binding(socket, address, option, REFUSES);
    }

    private static Binding binding(long socket, String address, SharingOption option, SecurityDescriptor descriptor) {
        return binding(socket, TransportProtocol.TCP, address, option, descriptor);
    }

    private static Binding binding(long socket, TransportProtocol protocol, String address, SharingOption option,
                                   SecurityDescriptor descriptor) {
        return new Binding(new SocketId(socket), "s" + socket, SessionRun.of(0), new ProcessId(4), protocol,
                TransportAddress.parse(address), option, descriptor);
    }

    private static BindRequest request(String address, SharingOption option) {
        TransportAddress requested = TransportAddress.parse(address);
        return new BindRequest(new SocketId(9_999), requested, requested, option, SECOND);
    }

    private static BindDecision decide(SharingProfile profile, List<Binding> live, BindRequest request) {
        return BindArbiter.decide(profile, PortBindings.of(live), request);
    }

    /** The sockets consulted, in order. */
    private static List<Long> consulted(BindDecision decision) {
        return decision.consultations().stream().map(c -> c.existing().socket().value()).toList();
    }

    private static List<Long> sockets(List<Binding> bindings) {
        return bindings.stream().map(b -> b.socket().value()).toList();
    }

    @Nested
    class WhichBindingsAreConsulted {

        @Test
        void twoDifferentSpecificAddressesOnOnePortBothBindWithNoOptions() {
            BindDecision decision = decide(WSK, List.of(binding(1, "10.0.0.1:80", NONE)), request("10.0.0.2:80", NONE));

            assertEquals(NtStatus.SUCCESS, decision.status());
            assertEquals(List.of(), decision.consultations());
            assertEquals("no binding overlaps 10.0.0.2:80", decision.reason());
        }

        @Test
        void twoDifferentSpecificIpv6AddressesBothBindEvenExclusively() {
            BindDecision decision = decide(WSK, List.of(binding(1, "[::1]:80", SO_EXCLUSIVEADDRUSE)),
                    request("[fe80::1]:80", SO_EXCLUSIVEADDRUSE));

            assertEquals(NtStatus.SUCCESS, decision.status());
            assertEquals(List.of(), decision.consultations());
        }

        @Test
        void aWildcardRequestConsultsEveryBinding() {
            List<Binding> live = List.of(
                    binding(1, "10.0.0.1:80", SO_REUSEADDR),
                    binding(2, "10.0.0.2:80", SO_REUSEADDR),
                    binding(3, "0.0.0.0:80", SO_REUSEADDR),
                    binding(4, "192.168.1.1:80", NONE));

            BindDecision decision = decide(WSK, live, request("0.0.0.0:80", SO_REUSEADDR));

            assertEquals(NtStatus.SUCCESS, decision.status());
            assertEquals(List.of(1L, 2L, 3L, 4L), consulted(decision));
        }

        @Test
        void aSpecificRequestConsultsTheWildcardsAndTheSameAddressOnly() {
            List<Binding> live = List.of(
                    binding(1, "10.0.0.2:80", SO_REUSEADDR),
                    binding(2, "0.0.0.0:80", SO_REUSEADDR),
                    binding(3, "10.0.0.1:80", SO_REUSEADDR),
                    binding(4, "10.0.0.3:80", SO_EXCLUSIVEADDRUSE),
                    binding(5, "0.0.0.0:80", SO_REUSEADDR, GRANTS));

            BindDecision decision = decide(WSK, live, request("10.0.0.1:80", SO_REUSEADDR));

            assertEquals(NtStatus.SUCCESS, decision.status());
            assertEquals(List.of(2L, 3L, 5L), consulted(decision));
        }

        @Test
        void anotherPortFamilyOrProtocolIsNeverConsulted() {
            // The engine keeps one PortBindings per PortKey (protocol, family, port): the Port aggregate.
            List<Binding> all = List.of(
                    binding(1, "0.0.0.0:81", SO_EXCLUSIVEADDRUSE),
                    binding(2, "[::]:80", SO_EXCLUSIVEADDRUSE),
                    binding(3, TransportProtocol.UDP, "0.0.0.0:80", SO_EXCLUSIVEADDRUSE, REFUSES),
                    binding(4, "10.0.0.1:80", NONE),
                    binding(5, "10.0.0.1:8080", SO_EXCLUSIVEADDRUSE));
            Map<PortKey, PortBindings> ports = new HashMap<>();
            for (Binding b : all) {
                ports.computeIfAbsent(PortKey.of(b.protocol(), b.address()), k -> new PortBindings()).add(b);
            }
            BindRequest request = request("0.0.0.0:80", NONE);

            BindDecision decision = BindArbiter.decide(WSK,
                    ports.get(PortKey.of(TransportProtocol.TCP, request.address())), request);

            assertEquals(NtStatus.SUCCESS, decision.status(), "first NONE S then second NONE W -> SUCCESS");
            assertEquals(List.of(4L), consulted(decision));
        }

        @Test
        void theWildcardOfTheOtherFamilyIsNotTheWildcard() {
            // A specific IPv6 request consults the IPv6 wildcard "::" and its own address only.
            List<Binding> live = List.of(
                    binding(1, "[::]:80", SO_REUSEADDR),
                    binding(2, "[::1]:80", NONE));

            BindDecision decision = decide(WSK, live, request("[::2]:80", SO_REUSEADDR));

            assertEquals(NtStatus.SUCCESS, decision.status());
            assertEquals(List.of(1L), consulted(decision));
        }
    }

    @Nested
    class WithThreeOrMoreBindings {

        // wsk, second NONE S on 10.0.0.1:80:
        //   s1 REUSE W with a granting descriptor -> CHECK, granted: go on
        //   s2 NONE S 10.0.0.2                   -> does not overlap
        //   s3 REUSE S 10.0.0.1                  -> DENIED (cell 20)
        //   s4 NONE S 10.0.0.1                   -> INUSE
        private final Binding s1 = binding(1, "0.0.0.0:80", SO_REUSEADDR, GRANTS);
        private final Binding s2 = binding(2, "10.0.0.2:80", NONE);
        private final Binding s3 = binding(3, "10.0.0.1:80", SO_REUSEADDR);
        private final Binding s4 = binding(4, "10.0.0.1:80", NONE);
        private final BindRequest second = request("10.0.0.1:80", NONE);

        @Test
        void theFirstFailureInBindOrderDecides() {
            BindDecision decision = decide(WSK, List.of(s1, s2, s3, s4), second);

            assertEquals(NtStatus.ACCESS_DENIED, decision.status());
            assertEquals(List.of(1L, 3L), consulted(decision), "consultations stop at the deciding binding");
            assertSame(decision.consultations().get(1), decision.deciding());
            assertEquals(s3, decision.deciding().existing());
            assertEquals(SharingCell.DENIED, decision.deciding().cell());
            assertEquals(SharingCell.CHECK, decision.consultations().get(0).cell());
            assertEquals(NtStatus.SUCCESS, decision.consultations().get(0).outcome());
            assertTrue(decision.reason().contains("first REUSE S then second NONE S -> DENIED"), decision.reason());
            assertTrue(decision.reason().contains("s3"), decision.reason());
        }

        @Test
        void anEarlierInUseBindingDecidesEvenThoughALaterOneWouldDenyAccess() {
            BindDecision decision = decide(WSK, List.of(s1, s2, s4, s3), second);

            assertEquals(NtStatus.ADDRESS_ALREADY_EXISTS, decision.status());
            assertEquals(List.of(1L, 4L), consulted(decision));
            assertEquals(s4, decision.deciding().existing());
            assertEquals(SharingCell.INUSE, decision.deciding().cell());
        }

        @ParameterizedTest(name = "bind order {0} -> {1} decided by s{2}")
        @CsvSource({
            "1 2 3 4, ACCESS_DENIED,          3",
            "1 2 4 3, ADDRESS_ALREADY_EXISTS, 4",
            "3 4 1 2, ACCESS_DENIED,          3",
            "4 3 2 1, ADDRESS_ALREADY_EXISTS, 4",
            "2 3 1 4, ACCESS_DENIED,          3",
            "2 4 1 3, ADDRESS_ALREADY_EXISTS, 4",
        })
        void whicheverFailureCameFirstDecides(String order, NtStatus expected, long decidingSocket) {
            Map<Long, Binding> bySocket = Map.of(1L, s1, 2L, s2, 3L, s3, 4L, s4);
            List<Binding> live = Arrays.stream(order.split(" ")).map(n -> bySocket.get(Long.parseLong(n))).toList();

            BindDecision decision = decide(WSK, live, second);

            assertEquals(expected, decision.status());
            assertEquals(decidingSocket, decision.deciding().existing().socket().value());
            List<Long> overlappingInOrder = sockets(live).stream().filter(s -> s != 2L).toList();
            List<Long> expectedConsulted = overlappingInOrder.subList(0, overlappingInOrder.indexOf(decidingSocket) + 1);
            assertEquals(expectedConsulted, consulted(decision), "in bind order, up to the deciding one");
        }

        @Test
        void whenEveryOverlappingBindingAllowsSharingAllAreConsultedAndNoneDecides() {
            List<Binding> live = List.of(
                    binding(1, "0.0.0.0:80", SO_REUSEADDR),
                    binding(2, "10.0.0.1:80", SO_REUSEADDR),
                    binding(3, "0.0.0.0:80", NONE, GRANTS),
                    binding(4, "10.0.0.9:80", SO_EXCLUSIVEADDRUSE));

            BindDecision decision = decide(WSK, live, request("10.0.0.1:80", SO_REUSEADDR));

            assertEquals(NtStatus.SUCCESS, decision.status());
            assertEquals(List.of(1L, 2L, 3L), consulted(decision));
            assertTrue(decision.consultations().stream().allMatch(c -> c.outcome() == NtStatus.SUCCESS));
            assertNull(decision.deciding());
            assertEquals("every overlapping binding allows sharing", decision.reason());
        }
    }

    @Nested
    class CheckCells {

        @Test
        void aGrantingDescriptorLetsTheSecondBindGoOn() {
            BindDecision decision = decide(WSK, List.of(binding(1, "0.0.0.0:80", NONE, GRANTS)),
                    request("10.0.0.1:80", NONE));

            assertEquals(NtStatus.SUCCESS, decision.status());
            Consultation check = decision.consultations().get(0);
            assertEquals(SharingCell.CHECK, check.cell());
            assertEquals(NtStatus.SUCCESS, check.outcome());
            assertEquals("first NONE W then second NONE S -> CHECK (granted)", check.describeCell());
            AccessTrace trace = check.trace();
            assertNotNull(trace);
            assertTrue(trace.granted());
            assertEquals(Decider.ALLOW_ACES, trace.decidedBy());
            assertEquals(AddressSharingRights.SHARE_ADDRESS, trace.requested());
            assertEquals(SECOND.sids(), trace.tokenSids(), "the second socket's context is checked");
        }

        @Test
        void aRefusingDescriptorDeniesAccess() {
            BindDecision decision = decide(WSK, List.of(binding(1, "0.0.0.0:80", SO_REUSEADDR, REFUSES)),
                    request("10.0.0.1:80", SO_EXCLUSIVEADDRUSE));

            assertEquals(NtStatus.ACCESS_DENIED, decision.status());
            Consultation check = decision.deciding();
            assertEquals(SharingCell.CHECK, check.cell());
            assertEquals("first REUSE W then second EXCL S -> CHECK (refused)", check.describeCell());
            assertFalse(check.trace().granted());
            assertEquals(Decider.EMPTY_DACL, check.trace().decidedBy());
            assertTrue(decision.reason().contains("CHECK (refused)"), decision.reason());
        }

        @ParameterizedTest(name = "{0} -> granted {1} by {2}")
        @CsvSource(delimiter = '|', textBlock = """
                D:(A;;GA;;;WD)                              | true  | ALLOW_ACES
                D:(A;;GW;;;S-1-5-21-7-7-7-1002)             | true  | ALLOW_ACES
                D:(A;;GA;;;BU)                              | true  | ALLOW_ACES
                D:(A;;GA;;;S-1-5-21-7-7-7-1001)             | false | END_OF_LIST
                D:(A;;GR;;;WD)                              | false | END_OF_LIST
                D:(D;;GW;;;S-1-5-21-7-7-7-1002)(A;;GA;;;WD) | false | DENY_ACE
                D:NO_ACCESS_CONTROL                         | true  | NULL_DACL
                O:S-1-5-21-7-7-7-1001D:                     | false | EMPTY_DACL
                O:S-1-5-21-7-7-7-1001                       | true  | ABSENT_DACL
                """)
        void theSecondContextIsCheckedAgainstTheFirstBindingsDescriptor(String sddl, boolean granted, Decider decider) {
            BindDecision decision = decide(WSK, List.of(binding(1, "0.0.0.0:80", NONE, SecurityDescriptor.parse(sddl))),
                    request("10.0.0.1:80", SO_REUSEADDR));

            assertEquals(granted ? NtStatus.SUCCESS : NtStatus.ACCESS_DENIED, decision.status());
            assertEquals(granted, decision.consultations().get(0).trace().granted());
            assertEquals(decider, decision.consultations().get(0).trace().decidedBy());
        }

        @Test
        void onlyCheckConsultationsCarryATrace() {
            List<Binding> live = List.of(
                    binding(1, "0.0.0.0:80", SO_REUSEADDR, GRANTS),   // REUSE W -> REUSE S: SUCCESS
                    binding(2, "0.0.0.0:80", NONE, GRANTS),           // NONE W -> REUSE S: CHECK, granted
                    binding(3, "10.0.0.1:80", NONE, GRANTS));         // NONE S -> REUSE S: DENIED

            BindDecision decision = decide(WSK, live, request("10.0.0.1:80", SO_REUSEADDR));

            assertEquals(NtStatus.ACCESS_DENIED, decision.status());
            List<Consultation> consultations = decision.consultations();
            assertEquals(List.of(SharingCell.SUCCESS, SharingCell.CHECK, SharingCell.DENIED),
                    consultations.stream().map(Consultation::cell).toList());
            assertNull(consultations.get(0).trace());
            assertNotNull(consultations.get(1).trace());
            assertNull(consultations.get(2).trace());
        }

        @Test
        void bindingsThatDifferOnlyInTheirDescriptorAreCheckedSeparately() {
            List<Binding> live = List.of(
                    binding(1, "0.0.0.0:80", NONE, GRANTS),
                    binding(2, "0.0.0.0:80", NONE, REFUSES));

            BindDecision decision = decide(WSK, live, request("10.0.0.1:80", NONE));

            assertEquals(NtStatus.ACCESS_DENIED, decision.status());
            assertEquals(List.of(1L, 2L), consulted(decision));
            assertTrue(decision.consultations().get(0).trace().granted());
            assertFalse(decision.deciding().trace().granted());
        }
    }

    @Nested
    class UnderOtherProfiles {

        @ParameterizedTest(name = "{0}: first REUSE S then second NONE S -> {1}")
        // SPEC.md 7 (issue #12): in use is SHARING_VIOLATION under win32 and win32-legacy
        @CsvSource({"wsk, DENIED, ACCESS_DENIED", "win32, INUSE, SHARING_VIOLATION",
                "win32-legacy, INUSE, SHARING_VIOLATION"})
        void cell20DiffersBetweenWskAndWin32(String profile, SharingCell cell, NtStatus status) {
            BindDecision decision = decide(SharingProfile.of(ProfileId.parse(profile)),
                    List.of(binding(1, "10.0.0.1:80", SO_REUSEADDR, GRANTS)), request("10.0.0.1:80", NONE));

            assertEquals(status, decision.status());
            assertEquals(cell, decision.deciding().cell());
            assertEquals(ProfileId.parse(profile), decision.profile());
        }

        @Test
        void win32StillChecksAccessWhereWskDoes() {
            BindDecision decision = decide(WIN32, List.of(binding(1, "0.0.0.0:80", NONE, GRANTS)),
                    request("10.0.0.1:80", NONE));

            assertEquals(NtStatus.SUCCESS, decision.status());
            assertEquals(SharingCell.CHECK, decision.consultations().get(0).cell());
        }

        @ParameterizedTest(name = "first {0} {1} then second {2} {3}")
        @CsvSource({
            // the five CHECK cells of wsk
            "NONE,         0.0.0.0:80, NONE,                10.0.0.1:80",
            "NONE,         0.0.0.0:80, SO_REUSEADDR,        10.0.0.1:80",
            "NONE,         0.0.0.0:80, SO_EXCLUSIVEADDRUSE, 10.0.0.1:80",
            "SO_REUSEADDR, 0.0.0.0:80, NONE,                10.0.0.1:80",
            "SO_REUSEADDR, 0.0.0.0:80, SO_EXCLUSIVEADDRUSE, 10.0.0.1:80",
        })
        void win32LegacyNeverChecksAccessWhateverTheDescriptor(SharingOption first, String held, SharingOption second,
                                                               String asked) {
            BindDecision granted = decide(LEGACY, List.of(binding(1, held, first, GRANTS)), request(asked, second));
            BindDecision refused = decide(LEGACY, List.of(binding(1, held, first, REFUSES)), request(asked, second));

            assertEquals(granted.status(), refused.status(), "the descriptor does not matter");
            for (BindDecision decision : List.of(granted, refused)) {
                Consultation consultation = decision.consultations().get(0);
                assertTrue(consultation.cell() != SharingCell.CHECK, "no CHECK cell");
                assertNull(consultation.trace(), "no access check ran");
            }
        }

        @Test
        void win32LegacyRefusesWhatWskGrantsByAccessCheck() {
            List<Binding> live = List.of(binding(1, "0.0.0.0:80", NONE, GRANTS));

            assertEquals(NtStatus.SUCCESS, decide(WSK, live, request("10.0.0.1:80", NONE)).status());
            BindDecision legacy = decide(LEGACY, live, request("10.0.0.1:80", NONE));
            assertEquals(NtStatus.SHARING_VIOLATION, legacy.status());
            assertEquals(SharingCell.INUSE, legacy.deciding().cell());
        }
    }

    @Nested
    class TheDecision {

        @Test
        void aSuccessCarriesProfileAddressesOptionAndReason() {
            BindRequest request = request("10.0.0.1:80", SO_REUSEADDR);

            BindDecision decision = decide(WIN32, List.of(binding(1, "0.0.0.0:80", SO_REUSEADDR)), request);

            assertEquals(ProfileId.WIN32, decision.profile());
            assertEquals(request.requested(), decision.requested());
            assertEquals(request.address(), decision.actual());
            assertEquals(SO_REUSEADDR, decision.option());
            assertEquals(NtStatus.SUCCESS, decision.status());
            assertFalse(decision.reason().isBlank());
            assertNull(decision.deciding());
        }

        @Test
        void aRefusalHasNoActualAddressAndNamesTheHolder() {
            BindRequest request = request("10.0.0.1:80", NONE);

            BindDecision decision = decide(WSK, List.of(binding(7, "0.0.0.0:80", SO_EXCLUSIVEADDRUSE)), request);

            assertEquals(ProfileId.WSK, decision.profile());
            assertEquals(request.requested(), decision.requested());
            assertNull(decision.actual());
            assertEquals(NONE, decision.option());
            assertEquals(NtStatus.ACCESS_DENIED, decision.status());
            assertEquals("first EXCL W then second NONE S -> DENIED: 10.0.0.1:80 is held by socket s7 (0.0.0.0:80)",
                    decision.reason());
        }

        @Test
        void argumentsAreRequired() {
            PortBindings none = new PortBindings();
            BindRequest request = request("10.0.0.1:80", NONE);

            assertThrows(NullPointerException.class, () -> BindArbiter.decide(null, none, request));
            assertThrows(NullPointerException.class, () -> BindArbiter.decide(WSK, null, request));
            assertThrows(NullPointerException.class, () -> BindArbiter.decide(WSK, none, null));
        }
    }

    @Nested
    class EphemeralRequests {

        @ParameterizedTest(name = "{0} with {1}")
        @CsvSource({
            "0.0.0.0:0,  NONE",
            "10.0.0.1:0, SO_REUSEADDR",
            "[::]:0,     SO_EXCLUSIVEADDRUSE",
            "[::1]:0,    NONE",
        })
        void anEphemeralRequestSucceedsOnTheChosenPortWithoutConsultations(String asked, SharingOption option) {
            TransportAddress requested = TransportAddress.parse(asked);
            Set<Integer> taken = Set.of(49_152, 49_153);
            OptionalInt chosen = EphemeralPorts.lowestFree(taken::contains);
            TransportAddress actual = requested.withPort(chosen.orElseThrow());
            BindRequest request = new BindRequest(new SocketId(5), requested, actual, option, SECOND);

            BindDecision decision = BindArbiter.decide(WSK, new PortBindings(), request);

            assertEquals(NtStatus.SUCCESS, decision.status());
            assertEquals(0, decision.requested().port());
            assertEquals(49_154, decision.actual().port());
            assertEquals(requested.host(), decision.actual().host());
            assertEquals(List.of(), decision.consultations());
            assertEquals("ephemeral port 49154 chosen", decision.reason());
        }

        @Test
        void theArbiterDecidesOnAnActualPortNeverPortZero() {
            TransportAddress zero = TransportAddress.parse("0.0.0.0:0");

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new BindRequest(new SocketId(5), zero, zero, NONE, SECOND));
            assertTrue(error.getMessage().contains("actual port"), error.getMessage());
        }
    }

    @Nested
    class EquivalenceClasses {

        private List<Binding> alike(int count, long firstSocket, String address, SharingOption option,
                                    SecurityDescriptor descriptor) {
            List<Binding> bindings = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                bindings.add(binding(firstSocket + i, address, option, descriptor));
            }
            return bindings;
        }

        @Test
        void aThousandAlikeBindingsGiveOneConsultation() {
            List<Binding> live = alike(1_000, 1, "0.0.0.0:80", SO_REUSEADDR, REFUSES);

            BindDecision decision = decide(WSK, live, request("0.0.0.0:80", SO_REUSEADDR));

            assertEquals(NtStatus.SUCCESS, decision.status());
            assertEquals(1, decision.consultations().size());
            assertEquals(999, decision.consultations().get(0).alike());
            assertEquals(live.get(0), decision.consultations().get(0).existing(), "the earliest member represents the class");
        }

        @Test
        void aThousandAlikeBindingsNeedOneAccessCheck() {
            List<Binding> live = alike(1_000, 1, "0.0.0.0:80", NONE, REFUSES);

            BindDecision decision = decide(WSK, live, request("10.0.0.1:80", NONE));

            assertEquals(NtStatus.ACCESS_DENIED, decision.status());
            assertEquals(1, decision.consultations().size());
            assertEquals(999, decision.deciding().alike());
            assertEquals(1L, decision.deciding().existing().socket().value());
            assertNotNull(decision.deciding().trace());
        }

        @Test
        void classesFollowOptionAddressAndDescriptor() {
            List<Binding> live = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                live.add(binding(4L * i + 1, "0.0.0.0:80", SO_REUSEADDR, REFUSES));
                live.add(binding(4L * i + 2, "10.0.0.1:80", SO_REUSEADDR, REFUSES));
                live.add(binding(4L * i + 3, "0.0.0.0:80", SO_REUSEADDR, GRANTS));
                live.add(binding(4L * i + 4, "10.0.0.2:80", SO_REUSEADDR, REFUSES));
            }

            BindDecision decision = decide(WSK, live, request("10.0.0.1:80", SO_REUSEADDR));

            assertEquals(NtStatus.SUCCESS, decision.status());
            assertEquals(List.of(1L, 2L, 3L), consulted(decision), "10.0.0.2 does not overlap");
            assertEquals(List.of(249, 249, 249), decision.consultations().stream().map(Consultation::alike).toList());
        }
    }

    @Nested
    class AfterBindingsAreRemoved {

        private PortBindings port;

        @BeforeEach
        void threeAlike() {
            port = PortBindings.of(alikeThree());
        }

        private List<Binding> alikeThree() {
            return List.of(binding(1, "0.0.0.0:80", SO_REUSEADDR), binding(2, "0.0.0.0:80", SO_REUSEADDR),
                    binding(3, "0.0.0.0:80", SO_REUSEADDR));
        }

        @Test
        void removingTheFirstOfAClassMakesTheNextMemberItsRepresentative() {
            assertEquals(binding(1, "0.0.0.0:80", SO_REUSEADDR), port.remove(new SocketId(1)));

            BindDecision decision = BindArbiter.decide(WSK, port, request("0.0.0.0:80", SO_REUSEADDR));

            assertEquals(List.of(2L), consulted(decision));
            assertEquals(1, decision.consultations().get(0).alike());
        }

        @Test
        void removingEveryMemberRemovesTheClass() {
            port.remove(new SocketId(2));
            port.remove(new SocketId(1));
            port.remove(new SocketId(3));

            assertTrue(port.isEmpty());
            BindDecision decision = BindArbiter.decide(WSK, port, request("0.0.0.0:80", NONE));
            assertEquals(NtStatus.SUCCESS, decision.status());
            assertEquals(List.of(), decision.consultations());
        }

        @Test
        void classOrderFollowsTheEarliestRemainingMember() {
            // wsk, second NONE S on 10.0.0.1: class X (REUSE W, refusing) -> CHECK refused -> ACCESS_DENIED;
            // class Y (NONE S 10.0.0.1) -> INUSE.
            Binding x1 = binding(11, "0.0.0.0:80", SO_REUSEADDR);
            Binding y = binding(12, "10.0.0.1:80", NONE);
            Binding x2 = binding(13, "0.0.0.0:80", SO_REUSEADDR);
            PortBindings live = PortBindings.of(List.of(x1, y, x2));
            BindRequest request = request("10.0.0.1:80", NONE);

            BindDecision before = BindArbiter.decide(WSK, live, request);
            assertEquals(NtStatus.ACCESS_DENIED, before.status());
            assertEquals(x1, before.deciding().existing());
            assertEquals(1, before.deciding().alike());

            live.remove(x1.socket());

            BindDecision after = BindArbiter.decide(WSK, live, request);
            assertEquals(NtStatus.ADDRESS_ALREADY_EXISTS, after.status(), "Y now precedes X");
            assertEquals(y, after.deciding().existing());
            assertEquals(List.of(y, x2), live.inBindOrder());
        }

        @Test
        void aBindingRemovedAndAddedAgainGoesToTheEndOfTheBindOrder() {
            Binding p = binding(21, "10.0.0.1:80", NONE);                 // NONE S -> NONE S: INUSE
            Binding q = binding(22, "0.0.0.0:80", SO_REUSEADDR);          // REUSE W -> NONE S: CHECK, refused
            PortBindings live = PortBindings.of(List.of(p, q));
            BindRequest request = request("10.0.0.1:80", NONE);
            assertEquals(NtStatus.ADDRESS_ALREADY_EXISTS, BindArbiter.decide(WSK, live, request).status());

            live.remove(p.socket());
            live.add(p);

            assertEquals(List.of(q, p), live.inBindOrder());
            BindDecision decision = BindArbiter.decide(WSK, live, request);
            assertEquals(NtStatus.ACCESS_DENIED, decision.status());
            assertEquals(q, decision.deciding().existing());
        }

        @Test
        void aMemberReAddedToALiveClassNoLongerRepresentsIt() {
            Binding y = binding(4, "10.0.0.1:80", NONE);
            port.add(y);
            port.remove(new SocketId(1));
            port.add(binding(1, "0.0.0.0:80", SO_REUSEADDR));

            assertEquals(List.of(2L, 3L, 4L, 1L), sockets(port.inBindOrder()));
            BindDecision decision = BindArbiter.decide(WSK, port, request("0.0.0.0:80", SO_REUSEADDR));
            assertEquals(NtStatus.SUCCESS, decision.status());
            assertEquals(List.of(2L, 4L), consulted(decision));
            assertEquals(2, decision.consultations().get(0).alike());
        }

        @Test
        void bookkeepingOfSocketsOnThePort() {
            assertEquals(3, port.size());
            assertTrue(port.holds(new SocketId(2)));
            assertNull(port.remove(new SocketId(42)), "a socket with no binding here");
            assertEquals(3, port.size());

            port.remove(new SocketId(2));

            assertFalse(port.holds(new SocketId(2)));
            assertNull(port.remove(new SocketId(2)), "removed once only");
            assertEquals(List.of(1L, 3L), sockets(port.inBindOrder()));
        }

        @Test
        void aSocketCannotHoldTwoBindingsOnOnePort() {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> port.add(binding(1, "10.0.0.1:80", NONE)));

            assertTrue(error.getMessage().contains("already bound"), error.getMessage());
            assertEquals(3, port.size());
            assertEquals(alikeThree(), port.inBindOrder());
        }

        @Test
        void inBindOrderIsAnImmutableCopy() {
            List<Binding> order = port.inBindOrder();

            assertThrows(UnsupportedOperationException.class, () -> order.add(binding(9, "0.0.0.0:80", NONE)));
            assertEquals(order, port.inBindOrder());
        }
    }
}
