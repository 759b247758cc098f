package org.wskemu.api.event;

import org.wskemu.api.SocketId;

/**
 * IPV6_V6ONLY was set on a socket not yet bound (SPEC.md 5); any non-zero value turns it on. With it
 * off, an {@code inet6} socket is dual-stack (SPEC.md 6a). {@code value} is the value read from the
 * input buffer under the profile's size rule (SPEC.md 7).
 *
 * @param socket the socket the option was set on
 * @param value  the value read from the input buffer; non-zero turns IPV6_V6ONLY on
 */
public record Ipv6OnlySet(SocketId socket, int value) implements WskEvent {

    /** {@return whether IPV6_V6ONLY is now on (the value is non-zero)} */
    public boolean enabled() {
        return value != 0;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.ipv6OnlySet(this);
    }
}
