package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.TransportAddress;

/** The documented Wine departures, matched on a diverged call's facts: each row, and calls that match none. */
class WineDeparturesTest {

    @ParameterizedTest(name = "{0} {1} {3} {5}: recorded {6}, emulator {7}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // op | category | family | address | option | recorded | emulator | departures (";"-separated)
            "bind|LISTEN|INET|0.0.0.0:80|-|STATUS_ACCESS_DENIED|SHARING_VIOLATION|exclusive holder answered ACCESS_DENIED",
            "bind|LISTEN|INET|0.0.0.0:80|-|STATUS_SHARING_VIOLATION|SUCCESS|a dual-stack socket holds the IPv4 port (TCP or UDP);a bind overlapping a listening socket is refused",
            "bind|DATAGRAM|INET|0.0.0.0:80|-|WSAEADDRINUSE|SUCCESS|a dual-stack socket holds the IPv4 port (TCP or UDP)",
            "bind|LISTEN|INET6|[::1]:80|-|STATUS_SHARING_VIOLATION|SUCCESS|a bind overlapping a listening socket is refused",
            "bind|DATAGRAM|INET|0.0.0.0:80|-|STATUS_SHARING_VIOLATION|ACCESS_DENIED|UDP SO_EXCLUSIVEADDRUSE ignored (Linux decides)",
            "bind|DATAGRAM|INET|0.0.0.0:80|-|STATUS_SUCCESS|ACCESS_DENIED|UDP SO_EXCLUSIVEADDRUSE ignored (Linux decides)",
            "get|LISTEN|INET|-|IPV6_V6ONLY|STATUS_NOT_SUPPORTED|SUCCESS|IPV6_V6ONLY unreadable on an IPv4 socket",
            "get|LISTEN|INET6|-|IPV6_V6ONLY|STATUS_NOT_SUPPORTED|SUCCESS|",
            "bind|DATAGRAM|INET|10.9.9.9:80|-|STATUS_SUCCESS|INVALID_ADDRESS_COMPONENT|a UDP bind to a non-local address succeeds",
            "bind|LISTEN|INET|10.9.9.9:80|-|STATUS_SUCCESS|INVALID_ADDRESS_COMPONENT|",
            "bind|LISTEN|INET|0.0.0.0:80|-|STATUS_SUCCESS|SHARING_VIOLATION|",
            "bind|LISTEN|INET|0.0.0.0:80|-|STATUS_ADDRESS_ALREADY_ASSOCIATED|ADDRESS_ALREADY_EXISTS|Wine's WSK (netio.sys) answers an address in use ADDRESS_ALREADY_ASSOCIATED"})
    void aDivergenceMatchesExactlyTheDeparturesOfItsShape(String op, SocketCategory category, AddressFamily family, String address,
                                                          String option, String recorded, NtStatus emulator, String expected) {
        WineDepartures.Facts facts = new WineDepartures.Facts(op, category, family,
                address == null ? null : TransportAddress.parse(address), option, recorded, emulator);
        List<String> names = WineDepartures.matching(facts).stream().map(WineDepartures.Departure::name).toList();
        assertEquals(expected == null ? List.of() : Arrays.asList(expected.split(";")), names);
    }
}
