package org.wskemu.engine.command;

import java.util.Objects;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.TransportProtocol;

/** The ephemeral port range of one protocol and family, e.g. {@code ephemeral/tcp/inet}. */
public record EphemeralRangeKey(TransportProtocol protocol, AddressFamily family) {

    public EphemeralRangeKey {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(family, "family");
    }

    @Override
    public String toString() {
        return "ephemeral/" + protocol.label() + "/" + family.label();
    }
}
