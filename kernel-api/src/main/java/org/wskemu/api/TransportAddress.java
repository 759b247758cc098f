package org.wskemu.api;

import java.util.Objects;

/**
 * A local transport address: family, IP address in canonical text form, and port.
 *
 * <p>Written {@code 0.0.0.0:80} for IPv4 and {@code [::1]:80} for IPv6 (brackets required).
 * Parsing is strict and never resolves names: dotted-quad IPv4 with decimal octets and no
 * leading zeros; IPv6 in RFC 4291 text form (one {@code ::} at most, an optional trailing
 * dotted quad), no zone ids. IPv6 is printed in RFC 5952 canonical form (lower case, longest
 * run of zero groups compressed; an IPv4-mapped address in mixed notation, {@code ::ffff:127.0.0.1},
 * RFC 5952 section 5), so two spellings of one address are equal. An IPv4-mapped address names
 * its IPv4 address (SPEC.md 2 and 6a).
 *
 * @param family the address family
 * @param host   the address in canonical form ({@code 0.0.0.0}, {@code ::1})
 * @param port   0..65535; 0 asks for an ephemeral port
 */
public record TransportAddress(AddressFamily family, String host, int port) {

    /** Longest text {@link #parse} looks at; longer input is an error, not an allocation. */
    public static final int MAX_TEXT_LENGTH = 64;
    /** The highest port number, 65535. */
    public static final int MAX_PORT = 65_535;
    private static final String MAPPED_PREFIX = "::ffff:";

    /**
     * Checks the components.
     *
     * @param family the address family
     * @param host the address in canonical form
     * @param port 0..65535
     * @throws NullPointerException when the family or host is null
     * @throws IllegalArgumentException when the port is outside 0-65535 or the host is not the
     *         family's canonical text
     */
    public TransportAddress {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(host, "host");
        checkPort(port);
        String canonical = family == AddressFamily.INET ? Ipv4.canonical(host) : Ipv6.canonical(host);
        if (!canonical.equals(host)) {
            throw new IllegalArgumentException("address '" + host + "' is not in canonical form ('" + canonical + "')");
        }
    }

    /**
     * The wildcard address of a family on a port: {@code 0.0.0.0:port} or {@code [::]:port}.
     *
     * @param family the address family
     * @param port 0..65535
     * @return the wildcard address
     */
    public static TransportAddress wildcard(AddressFamily family, int port) {
        return new TransportAddress(family, family == AddressFamily.INET ? "0.0.0.0" : "::", port);
    }

    /**
     * Parses {@code a.b.c.d:port} or {@code [v6]:port}.
     *
     * @param text the address and port, at most {@link #MAX_TEXT_LENGTH} characters
     * @return the address with its host in canonical form
     * @throws TransportAddressException with a message naming what is wrong in the text
     */
    public static TransportAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new TransportAddressException("address is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        if (text.isEmpty()) {
            throw new TransportAddressException("address is empty (expected a.b.c.d:port or [v6]:port)");
        }
        AddressFamily family;
        String host;
        String portText;
        if (text.charAt(0) == '[') {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new TransportAddressException(text, "missing ']' after the IPv6 address");
            }
            if (close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new TransportAddressException(text, "missing ':port' after ']'");
            }
            family = AddressFamily.INET6;
            host = host(AddressFamily.INET6, text.substring(1, close));
            portText = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new TransportAddressException(text, "missing ':port'");
            }
            if (text.indexOf(':') != colon) {
                throw new TransportAddressException(text, "an IPv6 address must be written in brackets, e.g. [::1]:80");
            }
            family = AddressFamily.INET;
            host = host(AddressFamily.INET, text.substring(0, colon));
            portText = text.substring(colon + 1);
        }
        return new TransportAddress(family, host, parsePort(text, portText));
    }

    private static int parsePort(String text, String portText) {
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new TransportAddressException(text, "port '" + portText + "' is not a number from 0 to 65535");
        }
        int port = Integer.parseInt(portText);
        if (port > MAX_PORT) {
            throw new TransportAddressException(text, "port " + port + " is outside 0-65535");
        }
        return port;
    }

    /** The canonical host, or the family's parse failure as this parse's (its message names the host). */
    private static String host(AddressFamily family, String host) {
        try {
            return family == AddressFamily.INET ? Ipv4.canonical(host) : Ipv6.canonical(host);
        } catch (IllegalArgumentException e) {
            throw new TransportAddressException(e.getMessage());
        }
    }

    private static void checkPort(int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
    }

    /** {@return whether the host is {@code 0.0.0.0}, {@code ::}, or the IPv4 wildcard mapped ({@code ::ffff:0.0.0.0}, SPEC.md 6a.2)} */
    public boolean isWildcard() {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals(MAPPED_PREFIX + "0.0.0.0");
    }

    /** {@return whether this is an IPv4-mapped IPv6 address ({@code [::ffff:a.b.c.d]})} */
    public boolean isIpv4Mapped() {
        return family == AddressFamily.INET6 && host.startsWith(MAPPED_PREFIX) && host.indexOf('.') > 0;
    }

    /**
     * The IPv4 address an IPv4-mapped address names, on the same port.
     *
     * @return the {@code inet} address with the same port
     * @throws IllegalStateException if this is not an IPv4-mapped address
     */
    public TransportAddress ipv4() {
        if (!isIpv4Mapped()) {
            throw new IllegalStateException(this + " is not an IPv4-mapped address");
        }
        return new TransportAddress(AddressFamily.INET, host.substring(MAPPED_PREFIX.length()), port);
    }

    /** {@return whether the host is loopback: {@code 127.0.0.0/8} or {@code ::1}, and their IPv4-mapped forms} */
    public boolean isLoopback() {
        if (isIpv4Mapped()) {
            return ipv4().isLoopback();
        }
        return family == AddressFamily.INET ? host.startsWith("127.") : host.equals("::1");
    }

    /** {@return {@link AddressKind#WILDCARD} when {@link #isWildcard()}, else {@link AddressKind#SPECIFIC}} */
    public AddressKind kind() {
        return isWildcard() ? AddressKind.WILDCARD : AddressKind.SPECIFIC;
    }

    /** {@return whether the port is 0, which asks for an ephemeral port (SPEC.md 6.1)} */
    public boolean isEphemeralRequest() {
        return port == 0;
    }

    /**
     * This address on another port.
     *
     * @param newPort 0..65535
     * @return the same family and host on {@code newPort}
     */
    public TransportAddress withPort(int newPort) {
        return new TransportAddress(family, host, newPort);
    }

    /**
     * Whether a binding on this address and one on {@code other}, on the same port, share an
     * address: both wildcard, one wildcard and one specific, or the same specific address. Two
     * different specific addresses never overlap (WDK "Sharing Transport Addresses", last
     * paragraph). Families are separate name spaces (SPEC.md 2).
     *
     * @param other the other binding's address
     * @return true when both have the same family and port and their hosts overlap
     */
    public boolean overlaps(TransportAddress other) {
        if (family != other.family || port != other.port) {
            return false;
        }
        return isWildcard() || other.isWildcard() || host.equals(other.host);
    }

    @Override
    public String toString() {
        return family == AddressFamily.INET ? host + ":" + port : "[" + host + "]:" + port;
    }

    /** Strict dotted-quad IPv4. */
    static final class Ipv4 {
        private Ipv4() {
        }

        static String canonical(String text) {
            return format(parse(text));
        }

        static int[] parse(String text) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (expected four decimal octets a.b.c.d)");
            }
            int[] octets = new int[4];
            for (int i = 0; i < 4; i++) {
                String part = parts[i];
                if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (octet '" + part + "' is not a decimal number)");
                }
                if (part.length() > 1 && part.charAt(0) == '0') {
                    throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (octet '" + part + "' has a leading zero)");
                }
                octets[i] = Integer.parseInt(part);
                if (octets[i] > 255) {
                    throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (octet " + octets[i] + " is over 255)");
                }
            }
            return octets;
        }

        static String format(int[] octets) {
            return octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
        }
    }

    /** RFC 4291 text form in, RFC 5952 canonical form out. */
    static final class Ipv6 {
        private Ipv6() {
        }

        static String canonical(String text) {
            return format(parse(text));
        }

        static int[] parse(String text) {
            if (text.isEmpty()) {
                throw bad(text, "empty");
            }
            if (text.indexOf('%') >= 0) {
                throw bad(text, "zone ids are not supported");
            }
            int doubleColon = text.indexOf("::");
            if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
                throw bad(text, "'::' may appear only once");
            }
            int[] groups = new int[8];
            if (doubleColon < 0) {
                int count = parseGroups(text, text, groups, 0, true);
                if (count != 8) {
                    throw bad(text, "expected 8 groups, found " + count);
                }
                return groups;
            }
            String head = text.substring(0, doubleColon);
            String tail = text.substring(doubleColon + 2);
            int[] headGroups = new int[8];
            int[] tailGroups = new int[8];
            int headCount = head.isEmpty() ? 0 : parseGroups(text, head, headGroups, 0, false);
            int tailCount = tail.isEmpty() ? 0 : parseGroups(text, tail, tailGroups, 0, true);
            if (headCount + tailCount > 7) {
                throw bad(text, "too many groups for '::'");
            }
            System.arraycopy(headGroups, 0, groups, 0, headCount);
            System.arraycopy(tailGroups, 0, groups, 8 - tailCount, tailCount);
            return groups;
        }

        /** Parses colon-separated groups into {@code out}; returns how many 16-bit groups were read. */
        private static int parseGroups(String whole, String part, int[] out, int start, boolean ipv4Allowed) {
            String[] fields = part.split(":", -1);
            int n = start;
            for (int i = 0; i < fields.length; i++) {
                String field = fields[i];
                boolean last = i == fields.length - 1;
                if (last && ipv4Allowed && field.indexOf('.') >= 0) {
                    if (n + 2 > 8) {
                        throw bad(whole, "too many groups");
                    }
                    int[] octets;
                    try {
                        octets = Ipv4.parse(field);
                    } catch (IllegalArgumentException e) {
                        throw bad(whole, "bad embedded IPv4 part '" + field + "'");
                    }
                    out[n++] = octets[0] << 8 | octets[1];
                    out[n++] = octets[2] << 8 | octets[3];
                    continue;
                }
                if (field.isEmpty() || field.length() > 4) {
                    throw bad(whole, "group '" + field + "' is not 1 to 4 hex digits");
                }
                int value = 0;
                for (int c = 0; c < field.length(); c++) {
                    char ch = field.charAt(c);
                    // ASCII only: Character.digit also reads full-width and other Unicode digits.
                    int digit = ch < 0x80 ? Character.digit(ch, 16) : -1;
                    if (digit < 0) {
                        throw bad(whole, "group '" + field + "' is not 1 to 4 hex digits");
                    }
                    value = value << 4 | digit;
                }
                if (n >= 8) {
                    throw bad(whole, "too many groups");
                }
                out[n++] = value;
            }
            return n - start;
        }

        static String format(int[] groups) {
            if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                    && groups[5] == 0xFFFF) {
                // RFC 5952 section 5: an IPv4-mapped address is written in mixed notation
                return MAPPED_PREFIX + (groups[6] >> 8) + "." + (groups[6] & 0xFF) + "." + (groups[7] >> 8) + "."
                        + (groups[7] & 0xFF);
            }
            int bestStart = -1;
            int bestLength = 1; // RFC 5952 4.2.2: a single zero group is not compressed
            for (int i = 0; i < 8; ) {
                if (groups[i] != 0) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            }
            StringBuilder text = new StringBuilder(39);
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    text.append("::");
                    i += bestLength - 1;
                    continue;
                }
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
            return text.toString();
        }

        private static IllegalArgumentException bad(String text, String why) {
            return new IllegalArgumentException("'" + text + "' is not an IPv6 address (" + why + ")");
        }
    }
}
