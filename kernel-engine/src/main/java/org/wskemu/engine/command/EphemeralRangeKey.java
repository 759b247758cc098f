package org.wskemu.engine.command;

import java.util.Objects;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.TransportProtocol;

/**
 * The ephemeral port range of one protocol and family, e.g. {@code ephemeral/tcp/inet}.
 *
 * @param protocol the transport protocol
 * @param family   the address family
 */
public record EphemeralRangeKey(TransportProtocol protocol, AddressFamily family) {

    /**
     * Checks the components.
     *
     * @param protocol the transport protocol, never null
     * @param family   the address family, never null
     */
    public EphemeralRangeKey {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(family, "family");
    }

    @Override
    public String toString() {
        return "ephemeral/" + protocol.label() + "/" + family.label();
    }
}
