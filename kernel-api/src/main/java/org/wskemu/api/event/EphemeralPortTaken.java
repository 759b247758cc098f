package org.wskemu.api.event;

import org.wskemu.api.PortKey;

/** A binding on a port of the ephemeral range 49152-65535 began (counted per port). */
public record EphemeralPortTaken(PortKey port) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.ephemeralPortTaken(this);
    }
}
