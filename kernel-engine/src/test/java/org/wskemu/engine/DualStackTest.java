package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ExpectedStatus;
import org.wskemu.api.HostAddress;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.verify.VerifyReport;

/** SPEC.md 6a: dual-stack sockets, IPv4-mapped addresses, IPV6_V6ONLY; SPEC.md 2: host addresses. */
class DualStackTest {

    /** A listen socket of {@code family} created by process 4; IPV6_V6ONLY off for every inet6 one, as Wine's table does. */
    private static List<SessionCall> dualStackSocket(String label, AddressFamily family, boolean exclusive) {
        List<SessionCall> calls = new ArrayList<>();
        calls.add(new SessionCall.CreateSocket(0, new SocketRequest(SocketCategory.LISTEN, family, new ProcessId(4),
                null, null, null, label), true, ExpectedStatus.of(NtStatus.SUCCESS)));
        if (exclusive) {
            calls.add(Sessions.set(label, "SO_EXCLUSIVEADDRUSE", 1, "SUCCESS"));
        }
        if (family == AddressFamily.INET6) {
            calls.add(Sessions.set(label, "IPV6_V6ONLY", 0, "SUCCESS"));
        }
        return calls;
    }

    private static List<SessionRunner.Report> run(ProfileId profile, List<SessionCall> calls) {
        try (WskEmulator kernel = WskEmulator.builder().profile(profile).build()) {
            List<SessionRunner.Report> reports = kernel.sessions().run(SessionRunner.Run.of("dual", calls)).reports();
            VerifyReport verify = kernel.verify();
            assertEquals(List.of(), verify.mismatches(), "verify re-derives every decision");
            assertEquals(List.of(), verify.readModelDifferences());
            return reports;
        }
    }

    private static List<SessionCall> withProcess(List<SessionCall> calls) {
        List<SessionCall> all = new ArrayList<>();
        all.add(Sessions.process(4, "S-1-5-21-1-2-3-1001"));
        all.addAll(calls);
        return all;
    }

    /**
     * Wine dlls/ws2_32/tests/sock.c, test_reuseaddr, tests_exclusive (Windows-checked): every IPv6
     * socket has IPV6_V6ONLY off; both sockets are the same user's; the expectation is the Winsock error.
     */
    @ParameterizedTest(name = "[{index}] {0} {1} excl={2} then {3} {4} excl={5} -> {6} ({7})")
    @CsvSource(delimiter = '|', textBlock = """
            inet  | 0.0.0.0           | true  | inet  | 127.0.0.1         | false | WSAEACCES
            inet6 | ::                | true  | inet  | 127.0.0.1         | false | WSAEACCES
            inet  | 0.0.0.0           | false | inet  | 127.0.0.1         | true  | 0
            inet  | 0.0.0.0           | true  | inet  | 127.0.0.1         | true  | WSAEACCES
            inet  | 127.0.0.1         | true  | inet  | 0.0.0.0           | false | 0
            inet  | 127.0.0.1         | false | inet  | 0.0.0.0           | true  | WSAEADDRINUSE
            inet  | 127.0.0.1         | false | inet6 | ::                | true  | WSAEADDRINUSE
            inet6 | ::1               | false | inet  | 0.0.0.0           | true  | 0
            inet6 | ::1               | true  | inet  | 127.0.0.1         | true  | 0
            inet6 | ::ffff:127.0.0.1  | false | inet  | 0.0.0.0           | true  | WSAEADDRINUSE
            inet6 | ::                | true  | inet  | 0.0.0.0           | false | WSAEACCES
            inet6 | ::                | false | inet  | 0.0.0.0           | true  | 0
            inet  | 0.0.0.0           | false | inet  | 0.0.0.0           | true  | WSAEADDRINUSE
            inet  | 0.0.0.0           | false | inet  | 0.0.0.0           | false | WSAEADDRINUSE
            inet6 | ::                | false | inet  | 0.0.0.0           | false | 0
            inet6 | ::ffff:0.0.0.0    | false | inet  | 0.0.0.0           | false | WSAEADDRINUSE
            inet6 | ::ffff:127.0.0.1  | false | inet  | 127.0.0.1         | false | WSAEADDRINUSE
            inet  | 127.0.0.1         | false | inet6 | ::ffff:127.0.0.1  | false | WSAEADDRINUSE
            inet  | 127.0.0.1         | true  | inet  | 127.0.0.1         | false | WSAEADDRINUSE
            inet  | 127.0.0.1         | false | inet  | 127.0.0.1         | true  | WSAEADDRINUSE
            """)
    void wineTestsExclusiveUnderWin32(String family1, String host1, boolean excl1, String family2, String host2,
                                      boolean excl2, String expected) {
        List<SessionCall> calls = new ArrayList<>();
        calls.addAll(dualStackSocket("s0", AddressFamily.parse(family1), excl1));
        calls.addAll(dualStackSocket("s1", AddressFamily.parse(family2), excl2));
        calls.add(Sessions.bind("s0", address(host1, 9375), "0"));
        calls.add(Sessions.bind("s1", address(host2, 9375), expected));
        List<SessionRunner.Report> reports = run(ProfileId.WIN32, withProcess(calls));
        for (SessionRunner.Report report : reports) {
            assertTrue(report.matches(), () -> report.call() + " answered " + report.status());
        }
    }

    private static String address(String host, int port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    @Nested
    class Ipv6V6only {

        @ParameterizedTest(name = "{0}")
        @EnumSource(AddressFamily.class)
        void isOnByDefaultAndReadableOnEitherFamily(AddressFamily family) {
            List<SessionRunner.Report> reports = run(ProfileId.WSK, withProcess(List.of(
                    new SessionCall.CreateSocket(0, new SocketRequest(SocketCategory.DATAGRAM, family,
                            new ProcessId(4), null, null, null, "s"), true, null),
                    Sessions.get("s", "IPV6_V6ONLY", "SUCCESS", 1),
                    Sessions.set("s", "IPV6_V6ONLY", 0, "SUCCESS"),
                    Sessions.get("s", "IPV6_V6ONLY", "SUCCESS", 0),
                    Sessions.bind("s", family == AddressFamily.INET ? "0.0.0.0:53" : "[::]:53", "SUCCESS"),
                    Sessions.get("s", "IPV6_V6ONLY", "SUCCESS", 0),
                    Sessions.set("s", "IPV6_V6ONLY", 1, "INVALID_PARAMETER"))));
            reports.forEach(r -> assertTrue(r.matches(), () -> r.call() + " answered " + r.status() + " " + r.result()));
        }

        @Test
        void underWin32OnlyTheFirstByteIsRead() {
            List<SessionCall> calls = new ArrayList<>(withProcess(List.of()));
            calls.add(Sessions.socket6("s", "listen", 4));
            calls.add(Sessions.set("s", "IPV6_V6ONLY", 0x100, "SUCCESS"));
            calls.add(Sessions.get("s", "IPV6_V6ONLY", "SUCCESS", 0));
            List<SessionRunner.Report> reports = run(ProfileId.WIN32, calls);
            reports.forEach(r -> assertTrue(r.matches(), () -> r.call() + " answered " + r.status() + " " + r.result()));
        }

        @Test
        void withItOnTheFamiliesAreSeparateNameSpaces() {
            List<SessionRunner.Report> reports = run(ProfileId.WSK, withProcess(List.of(
                    Sessions.socket6("v6", "listen", 4),
                    Sessions.bind("v6", "[::]:80", "SUCCESS"),
                    Sessions.socket("v4", "listen", 4, null, "SUCCESS"),
                    Sessions.bind("v4", "0.0.0.0:80", "SUCCESS"),
                    Sessions.socket6("m", "listen", 4),
                    Sessions.bind("m", "[::ffff:127.0.0.1]:81", "INVALID_PARAMETER"))));
            reports.forEach(r -> assertTrue(r.matches(), () -> r.call() + " answered " + r.status()));
        }
    }

    @Nested
    class DualStackBinds {

        @Test
        void aDualStackWildcardHoldsBothNameSpacesAndCloseReleasesBoth() {
            List<SessionCall> calls = new ArrayList<>(dualStackSocket("d", AddressFamily.INET6, false));
            calls.add(Sessions.bind("d", "[::]:80", "SUCCESS"));
            calls.add(Sessions.socket("v4", "listen", 4, null, "SUCCESS"));
            calls.add(Sessions.socket6("v6", "listen", 4));
            calls.add(Sessions.bind("v6", "[::]:80", "ADDRESS_ALREADY_EXISTS"));
            calls.add(Sessions.close("d", "SUCCESS"));
            calls.add(Sessions.bind("v6", "[::]:80", "SUCCESS"));
            calls.add(Sessions.bind("v4", "0.0.0.0:80", "SUCCESS"));
            run(ProfileId.WSK, withProcess(calls)).forEach(r -> assertTrue(r.matches(), () -> r.call() + " answered " + r.status()));
        }

        @Test
        void aDualStackWildcardIsRefusedWhenTheInetNameSpaceRefusesAndNothingIsHeld() {
            List<SessionCall> calls = new ArrayList<>();
            calls.add(Sessions.socket("v4", "listen", 4, null, "SUCCESS"));
            calls.add(Sessions.bind("v4", "0.0.0.0:80", "SUCCESS"));
            calls.addAll(dualStackSocket("d", AddressFamily.INET6, false));
            calls.add(Sessions.bind("d", "[::]:80", "ADDRESS_ALREADY_EXISTS"));
            // nothing of d is held in inet6: a v6-only socket binds [::]:80
            calls.add(Sessions.socket6("v6", "listen", 4));
            calls.add(Sessions.bind("v6", "[::]:80", "SUCCESS"));
            try (WskEmulator kernel = WskEmulator.inMemory()) {
                List<SessionRunner.Report> reports = kernel.sessions().run(SessionRunner.Run.of("dual", withProcess(calls))).reports();
                reports.forEach(r -> assertTrue(r.matches(), () -> r.call() + " answered " + r.status()));
                DecisionRow refusal = kernel.readModels().decisions().stream()
                        .filter(d -> d.label().equals("d")).findFirst().orElseThrow();
                assertTrue(refusal.decidingCell().startsWith("first NONE W then second NONE W"), refusal.decidingCell());
                assertEquals(List.of(), kernel.verify().mismatches());
            }
        }

        @Test
        void explainOfADualStackBindNamesBothNameSpaces() {
            List<SessionCall> calls = new ArrayList<>();
            calls.add(Sessions.socket("v4", "listen", 4, "D:(A;;GA;;;WD)", "SUCCESS"));
            calls.add(Sessions.set("v4", "SO_REUSEADDR", 1, "SUCCESS"));
            calls.add(Sessions.bind("v4", "10.0.0.1:80", "SUCCESS"));
            calls.add(Sessions.socket6("v6", "listen", 4));
            calls.add(Sessions.set("v6", "SO_REUSEADDR", 1, "SUCCESS"));
            calls.add(Sessions.bind("v6", "[::1]:80", "SUCCESS"));
            calls.addAll(dualStackSocket("d", AddressFamily.INET6, false));
            calls.add(Sessions.set("d", "SO_REUSEADDR", 1, "SUCCESS"));
            calls.add(Sessions.bind("d", "[::]:80", "SUCCESS"));
            try (WskEmulator kernel = WskEmulator.inMemory()) {
                kernel.sessions().run(SessionRunner.Run.of("dual", withProcess(calls)));
                BindDecision decision = kernel.log().readAfter(0)
                        .map(e -> e.event()).filter(e -> e instanceof org.wskemu.api.event.SocketBound b
                                && b.binding().label().equals("d"))
                        .map(e -> ((org.wskemu.api.event.SocketBound) e).decision()).findFirst().orElseThrow();
                assertEquals(List.of(AddressFamily.INET, AddressFamily.INET6),
                        decision.consultations().stream().map(c -> c.nameSpace()).toList());
                assertEquals(TransportAddress.parse("[::]:80"), decision.actual());
                OwnershipRow row = kernel.readModels().ownership().stream().filter(o -> o.label().equals("d"))
                        .findFirst().orElseThrow();
                assertTrue(row.dualStack());
                assertEquals(TransportAddress.parse("[::]:80"), row.address());
                assertEquals(kernel.readModels().ownership(), kernel.rebuild().ownership());
                // the timeline folds the same rows: just before d's bind it is absent, at the head it is dual-stack
                long head = kernel.log().head();
                assertEquals(kernel.readModels().ownership(), kernel.timeline().at(head).ownership());
                long before = kernel.readModels().decisions().stream().filter(x -> x.label().equals("d"))
                        .findFirst().orElseThrow().position() - 3;
                assertTrue(kernel.timeline().at(before).ownership().stream().noneMatch(o -> o.label().equals("d")));
            }
        }

        @Test
        void aMappedBindIsHeldAsItsIpv4AddressAndReportedInMixedNotation() {
            List<SessionCall> calls = new ArrayList<>(dualStackSocket("m", AddressFamily.INET6, false));
            calls.add(Sessions.bind("m", "[::ffff:127.0.0.1]:0", "SUCCESS"));
            calls.add(Sessions.socket("v4", "listen", 4, null, "SUCCESS"));
            calls.add(Sessions.bind("v4", "127.0.0.1:49152", "ADDRESS_ALREADY_EXISTS"));
            calls.add(Sessions.bind("v4", "127.0.0.1:0", "SUCCESS"));
            List<SessionRunner.Report> reports = run(ProfileId.WSK, withProcess(calls));
            reports.forEach(r -> assertTrue(r.matches(), () -> r.call() + " answered " + r.status()));
            assertEquals(new CallResult.Bound(TransportAddress.parse("[::ffff:127.0.0.1]:49152")), reports.get(3).result());
            assertEquals(new CallResult.Bound(TransportAddress.parse("127.0.0.1:49153")), reports.get(6).result());
        }

        @Test
        void portZeroOnADualStackWildcardTakesThePortFreeInBoth() {
            List<SessionCall> calls = new ArrayList<>();
            calls.add(Sessions.socket("v4", "listen", 4, null, "SUCCESS"));
            calls.add(Sessions.bind("v4", "0.0.0.0:49152", "SUCCESS"));
            calls.add(Sessions.socket6("v6", "listen", 4));
            calls.add(Sessions.bind("v6", "[::]:49153", "SUCCESS"));
            calls.addAll(dualStackSocket("d", AddressFamily.INET6, false));
            calls.add(Sessions.bind("d", "[::]:0", "SUCCESS"));
            calls.add(Sessions.socket("w", "listen", 4, null, "SUCCESS"));
            calls.add(Sessions.bind("w", "0.0.0.0:0", "SUCCESS"));
            List<SessionRunner.Report> reports = run(ProfileId.WSK, withProcess(calls));
            reports.forEach(r -> assertTrue(r.matches(), () -> r.call() + " answered " + r.status()));
            assertEquals(new CallResult.Bound(TransportAddress.parse("[::]:49154")), reports.get(7).result());
            // for an inet port 0, a port held by a dual-stack wildcard counts as taken
            assertEquals(new CallResult.Bound(TransportAddress.parse("0.0.0.0:49153")), reports.get(9).result());
        }
    }

    @Nested
    class HostAddresses {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', textBlock = """
                10.0.0.5:80          | SUCCESS
                10.0.0.6:80          | INVALID_ADDRESS_COMPONENT
                127.0.0.9:80         | SUCCESS
                0.0.0.0:80           | SUCCESS
                """)
        void aSpecificAddressTheHostDoesNotOwnIsRefused(String address, String expected) {
            List<SessionRunner.Report> reports = run(ProfileId.WSK, withProcess(List.of(
                    new SessionCall.DeclareHost(0, List.of(HostAddress.parse("10.0.0.5"), HostAddress.parse("2001:db8::1")), null),
                    Sessions.socket("s", "listen", 4, null, "SUCCESS"),
                    Sessions.bind("s", address, expected))));
            reports.forEach(r -> assertTrue(r.matches(), () -> r.call() + " answered " + r.status()));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', textBlock = """
                [2001:db8::1]:80       | SUCCESS
                [2001:db8::2]:80       | INVALID_ADDRESS_COMPONENT
                [::1]:80               | SUCCESS
                [::ffff:10.0.0.5]:80   | SUCCESS
                [::ffff:10.0.0.7]:80   | INVALID_ADDRESS_COMPONENT
                """)
        void ipv6AndMappedAddressesToo(String address, String expected) {
            List<SessionCall> calls = new ArrayList<>();
            calls.add(new SessionCall.DeclareHost(0, List.of(HostAddress.parse("::ffff:10.0.0.5")), null));
            calls.add(new SessionCall.DeclareHost(0, List.of(HostAddress.parse("2001:db8::1")), null));
            calls.addAll(dualStackSocket("s", AddressFamily.INET6, false));
            calls.add(Sessions.bind("s", address, expected));
            run(ProfileId.WSK, withProcess(calls)).forEach(r -> assertTrue(r.matches(), () -> r.call() + " answered " + r.status()));
        }

        @Test
        void withoutAHostLineEveryAddressIsLocal() {
            run(ProfileId.WSK, withProcess(List.of(
                    Sessions.socket("s", "listen", 4, null, "SUCCESS"),
                    Sessions.bind("s", "192.0.2.77:80", "SUCCESS"))))
                    .forEach(r -> assertTrue(r.matches(), () -> r.call() + " answered " + r.status()));
        }

        @Test
        void theEmbeddingApiDeclaresTheHostToo() {
            try (WskEmulator kernel = WskEmulator.inMemory()) {
                kernel.declareProcess(new ProcessId(4), org.wskemu.security.Token.of(org.wskemu.security.Sid.LOCAL_SYSTEM));
                kernel.declareHost(List.of(HostAddress.parse("10.0.0.5")));
                Driver driver = new Driver(kernel);
                var socket = driver.socket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, new ProcessId(4)));
                assertEquals(NtStatus.INVALID_ADDRESS_COMPONENT, driver.status(driver.bind(socket, "10.0.0.6:80")));
                assertEquals(NtStatus.SUCCESS, driver.status(driver.bind(socket, "10.0.0.5:80")));
                assertEquals(List.of(), kernel.verify().mismatches());
            }
        }
    }
}
