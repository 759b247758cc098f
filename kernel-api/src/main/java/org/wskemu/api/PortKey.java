package org.wskemu.api;

import java.util.Locale;
import java.util.Objects;

/**
 * One port's name space: protocol, family and port number, e.g. {@code tcp/inet/80}. It is the
 * identity of the Port aggregate, the only place a bind on that port is decided.
 *
 * @param protocol the transport protocol, never null
 * @param family the address family, never null
 * @param port the port number, 1-65535 (port 0 is never a key: an ephemeral port is chosen first)
 */
public record PortKey(TransportProtocol protocol, AddressFamily family, int port) {

    /**
     * Checks the components.
     *
     * @param protocol the transport protocol
     * @param family the address family
     * @param port the port number, 1-65535
     * @throws NullPointerException when the protocol or family is null
     * @throws IllegalArgumentException when the port is outside 1-65535
     */
    public PortKey {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(family, "family");
        if (port < 1 || port > TransportAddress.MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
    }

    /**
     * The name space an address is bound in.
     *
     * @param protocol the socket's protocol
     * @param address a concrete address (port 1-65535)
     * @return the key of the address's family and port
     */
    public static PortKey of(TransportProtocol protocol, TransportAddress address) {
        return new PortKey(protocol, address.family(), address.port());
    }

    /**
     * Parses {@code tcp/inet/80}.
     *
     * @param text protocol, family and decimal port separated by {@code /}
     * @return the key, never null
     * @throws IllegalArgumentException naming the text when it is not such a key
     */
    public static PortKey parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("port key '" + text + "' is not protocol/family/port");
        }
        TransportProtocol protocol = switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "tcp" -> TransportProtocol.TCP;
            case "udp" -> TransportProtocol.UDP;
            default -> throw new IllegalArgumentException("port key '" + text + "': unknown protocol '" + parts[0] + "'");
        };
        try {
            if (parts[2].length() > 1 && parts[2].charAt(0) == '0' || parts[2].startsWith("0x")) {
                throw new NumberFormatException(parts[2]);
            }
            return new PortKey(protocol, AddressFamily.parse(parts[1]), Numbers.parse32(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port key '" + text + "': '" + parts[2] + "' is not a port");
        }
    }

    @Override
    public String toString() {
        return protocol.label() + "/" + family.label() + "/" + port;
    }
}
