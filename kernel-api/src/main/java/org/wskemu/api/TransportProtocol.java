package org.wskemu.api;

/** The transport protocol of a socket; TCP and UDP ports are separate name spaces (SPEC.md 2). */
public enum TransportProtocol {
    /** TCP: listen, connection and stream sockets. */
    TCP("tcp"),
    /** UDP: datagram sockets. */
    UDP("udp");

    private final String label;

    TransportProtocol(String label) {
        this.label = label;
    }

    /** {@return {@code tcp} or {@code udp}, as output prints it} */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
