package org.wskemu.api;

import java.util.Objects;

/**
 * A unicast address the emulated machine owns, as a session's {@code host} line declares it
 * (SPEC.md 2): IPv4 dotted quad or IPv6 text, no port, no brackets. An IPv4-mapped address
 * declares its IPv4 address (SPEC.md 6a.6), so it is held in IPv4 form.
 *
 * @param family the family
 * @param host   the address in canonical form
 */
public record HostAddress(AddressFamily family, String host) {

    /**
     * Checks the components.
     *
     * @param family the family
     * @param host the address in canonical form, not IPv4-mapped
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when the host is no address of the family or is IPv4-mapped
     */
    public HostAddress {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(host, "host");
        TransportAddress checked = new TransportAddress(family, host, 0);
        if (checked.isIpv4Mapped()) {
            throw new IllegalArgumentException("host address '" + host + "' is IPv4-mapped: use its IPv4 form");
        }
    }

    /**
     * Parses {@code 10.0.0.5}, {@code 2001:db8::1} or {@code ::ffff:10.0.0.5} (held as {@code 10.0.0.5}).
     *
     * @param text the address alone, without port or brackets
     * @return the address in canonical form
     * @throws IllegalArgumentException naming the text when it is no address
     */
    public static HostAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > TransportAddress.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("address is longer than " + TransportAddress.MAX_TEXT_LENGTH + " characters");
        }
        if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':') || text.startsWith("[")) {
            throw new IllegalArgumentException("host address '" + text + "' must be an address alone, without port or brackets");
        }
        TransportAddress address = text.indexOf(':') >= 0
                ? new TransportAddress(AddressFamily.INET6, TransportAddress.Ipv6.canonical(text), 0)
                : new TransportAddress(AddressFamily.INET, TransportAddress.Ipv4.canonical(text), 0);
        return of(address);
    }

    /**
     * The host part of {@code address} (an IPv4-mapped address as its IPv4 address).
     *
     * @param address a transport address
     * @return its host without the port
     */
    public static HostAddress of(TransportAddress address) {
        TransportAddress plain = address.isIpv4Mapped() ? address.ipv4() : address;
        return new HostAddress(plain.family(), plain.host());
    }

    @Override
    public String toString() {
        return host;
    }
}
