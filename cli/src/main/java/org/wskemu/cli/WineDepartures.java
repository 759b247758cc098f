package org.wskemu.cli;

import java.util.List;
import java.util.function.Predicate;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ExpectedStatus;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.TransportAddress;

/**
 * The places where Wine on Linux is documented to answer otherwise than Windows (the table of
 * {@code recording/src/test/resources/wine/README.md}, each row with its Wine source line and the
 * Windows-checked case), matched on a diverged call, so that {@code explain} says when a divergence of a
 * replayed Wine recording has the shape of one. A match names a likely cause; it proves nothing.
 */
final class WineDepartures {

    /**
     * What explain knows of a diverged call.
     *
     * @param op        {@code bind}, {@code get}, {@code set}, ...
     * @param category  the socket's category, or null when unknown
     * @param family    the socket's family, or null when unknown
     * @param requested a bind's address, else null
     * @param option    a get's or set's option name ({@code IPV6_V6ONLY}), else null
     * @param recorded  the recorded expectation as written ({@code STATUS_SHARING_VIOLATION}, {@code WSAEADDRINUSE})
     * @param emulator  wskemu's status
     */
    record Facts(String op, SocketCategory category, AddressFamily family, TransportAddress requested, String option,
                 String recorded, NtStatus emulator) {

        boolean recordedIs(NtStatus... statuses) {
            ExpectedStatus expected;
            try {
                expected = ExpectedStatus.parse(recorded);
            } catch (IllegalArgumentException e) {
                return false;
            }
            for (NtStatus status : statuses) {
                if (expected.matches(status)) {
                    return true;
                }
            }
            return false;
        }

        boolean datagram() {
            return category == SocketCategory.DATAGRAM;
        }

        boolean stream() {
            return category != null && category != SocketCategory.DATAGRAM && category != SocketCategory.BASIC;
        }

        boolean bindOfInet() {
            return requested != null && (requested.family() == AddressFamily.INET || requested.isIpv4Mapped());
        }
    }

    /**
     * A documented departure.
     *
     * @param name  the README row's name
     * @param why   what Wine does and where (its source line)
     * @param match the calls that have its shape
     */
    record Departure(String name, String why, Predicate<Facts> match) {
    }

    /** The README's rows, in its order. */
    static final List<Departure> TABLE = List.of(
            new Departure("exclusive holder answered ACCESS_DENIED",
                    "Wine server/sock.c check_addr_usage: set_error( sock->reuseaddr || bound_addr->match_any_addr"
                            + " ? STATUS_ACCESS_DENIED : STATUS_SHARING_VIOLATION ); Windows answers the WDK table's INUSE",
                    f -> f.op().equals("bind") && f.stream() && f.recordedIs(NtStatus.ACCESS_DENIED)
                            && f.emulator() == NtStatus.SHARING_VIOLATION),
            new Departure("a dual-stack socket holds the IPv4 port (TCP or UDP)",
                    "Linux's dual-stack socket owns the IPv4 port; Wine's check_addr_usage tracks TCP only and passes the"
                            + " bind to Linux; Windows (SPEC.md 6a rule 3, Wine test_reuseaddr tests_exclusive) does not"
                            + " show a dual-stack binding without SO_EXCLUSIVEADDRUSE to later IPv4 binds",
                    f -> f.op().equals("bind") && f.bindOfInet() && f.recordedIs(NtStatus.SHARING_VIOLATION, NtStatus.ACCESS_DENIED)
                            && f.emulator() == NtStatus.SUCCESS),
            new Departure("a bind overlapping a listening socket is refused",
                    "Linux refuses a bind overlapping a listening socket even with SO_REUSEADDR; Windows allows it (Wine"
                            + " sock.c test_reuseaddr 2489-2490, Windows-checked: bind(s3) while s2 listens: ok(!rc)), and"
                            + " Wine's own test_reuseaddr marks any-then-loopback todo_wine",
                    f -> f.op().equals("bind") && f.stream() && f.recordedIs(NtStatus.SHARING_VIOLATION, NtStatus.ACCESS_DENIED)
                            && f.emulator() == NtStatus.SUCCESS),
            new Departure("UDP SO_EXCLUSIVEADDRUSE ignored (Linux decides)",
                    "Wine server/sock.c should_track_conflicts_for_addr: if (!is_tcp_socket( sock )) return 0; so a UDP"
                            + " bind is decided by Linux, which has no SO_EXCLUSIVEADDRUSE; Windows applies it to every socket"
                            + " (Microsoft, Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE)",
                    f -> f.op().equals("bind") && f.datagram() && f.emulator() == NtStatus.ACCESS_DENIED
                            && f.recordedIs(NtStatus.SUCCESS, NtStatus.SHARING_VIOLATION)),
            new Departure("IPV6_V6ONLY unreadable on an IPv4 socket",
                    "Wine answers a get of IPV6_V6ONLY on an AF_INET socket with an error (the trace's server_getsockopt"
                            + " status); Windows answers it (Wine sock.c test_ipv6only 7358-7363, todo_wine, Windows-checked)",
                    f -> f.op().equals("get") && "IPV6_V6ONLY".equals(f.option()) && f.family() == AddressFamily.INET
                            && !f.recordedIs(NtStatus.SUCCESS) && f.emulator() == NtStatus.SUCCESS),
            new Departure("a UDP bind to a non-local address succeeds",
                    "Wine server/sock.c bind_to_interface: a UDP bind of an IPv4 address is rebound to INADDR_ANY"
                            + " (bind_addr.in.sin_addr.s_addr = htonl( INADDR_ANY )) unless binding to a matching interface"
                            + " fails; Windows answers STATUS_INVALID_ADDRESS_COMPONENT (Wine afd.c test_bind 2149-2155,"
                            + " Windows-checked)",
                    f -> f.op().equals("bind") && f.datagram() && f.recordedIs(NtStatus.SUCCESS)
                            && f.emulator() == NtStatus.INVALID_ADDRESS_COMPONENT),
            new Departure("Wine's WSK (netio.sys) answers an address in use ADDRESS_ALREADY_ASSOCIATED",
                    "Wine dlls/netio.sys/netio.c sock_error_to_ntstatus: case WSAEADDRINUSE: return"
                            + " STATUS_ADDRESS_ALREADY_ASSOCIATED; Windows' WSK answers the WDK table's INUSE,"
                            + " STATUS_ADDRESS_ALREADY_EXISTS (WDK \"Sharing Transport Addresses\", SPEC.md 7)",
                    f -> f.op().equals("bind") && f.recordedIs(NtStatus.ADDRESS_ALREADY_ASSOCIATED)
                            && f.emulator() == NtStatus.ADDRESS_ALREADY_EXISTS));

    private WineDepartures() {
    }

    /** The documented departures whose shape the diverged call has, in table order. */
    static List<Departure> matching(Facts facts) {
        if (facts.recorded() == null || facts.emulator() == null) {
            return List.of();
        }
        return TABLE.stream().filter(d -> d.match().test(facts)).toList();
    }
}
