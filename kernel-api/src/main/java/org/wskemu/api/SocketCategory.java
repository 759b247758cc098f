package org.wskemu.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The WSK socket categories with their WSK_FLAG values (WDK "Winsock Kernel Socket Categories").
 * The transport protocol is implied by the category ([emulator choice], SPEC.md 2).
 */
public enum SocketCategory {
    /** WSK_FLAG_BASIC_SOCKET 0x0: no protocol, can never be bound. */
    BASIC("basic", 0x0, null),
    /** WSK_FLAG_LISTEN_SOCKET 0x1: a TCP socket that accepts connections. */
    LISTEN("listen", 0x1, TransportProtocol.TCP),
    /** WSK_FLAG_CONNECTION_SOCKET 0x2: a TCP socket that connects to a peer. */
    CONNECTION("connection", 0x2, TransportProtocol.TCP),
    /** WSK_FLAG_DATAGRAM_SOCKET 0x4: a UDP socket. */
    DATAGRAM("datagram", 0x4, TransportProtocol.UDP),
    /** WSK_FLAG_STREAM_SOCKET 0x8: a TCP socket that may listen or connect. */
    STREAM("stream", 0x8, TransportProtocol.TCP);

    private final String label;
    private final int flag;
    private final TransportProtocol protocol;

    SocketCategory(String label, int flag, TransportProtocol protocol) {
        this.label = label;
        this.flag = flag;
        this.protocol = protocol;
    }

    /** {@return the name used in session files and output, e.g. {@code datagram}} */
    public String label() {
        return label;
    }

    /** {@return the WSK_FLAG_*_SOCKET value} */
    public int flag() {
        return flag;
    }

    /**
     * The protocol this category implies: {@code datagram} is UDP; {@code listen},
     * {@code connection} and {@code stream} are TCP; a {@code basic} socket has none, since it can
     * never be bound ([emulator choice], SPEC.md 2).
     *
     * @return the protocol, or empty for {@link #BASIC}
     */
    public Optional<TransportProtocol> protocol() {
        return Optional.ofNullable(protocol);
    }

    /**
     * Whether the sharing options and SO_WSK_SECURITY apply: the WDK pages of the three options say
     * they apply "only to listening sockets, datagram sockets, and connection-oriented sockets";
     * a {@code basic} socket answers NOT_SUPPORTED ([emulator choice], SPEC.md 5).
     *
     * @return false only for {@link #BASIC}
     */
    public boolean canBind() {
        return protocol != null;
    }

    /**
     * Parses a category as session files write it.
     *
     * @param text the category's label in any letter case
     * @return the category, never null
     * @throws IllegalArgumentException naming the text when it is no category
     */
    public static SocketCategory parse(String text) {
        for (SocketCategory category : values()) {
            if (category.label.equals(text.toLowerCase(Locale.ROOT))) {
                return category;
            }
        }
        throw new IllegalArgumentException("unknown socket category '" + text
                + "' (expected basic, listen, datagram, connection or stream)");
    }

    @Override
    public String toString() {
        return label;
    }
}
