package org.wskemu.api.event;

import org.wskemu.api.PortKey;

/** A binding on a port of the ephemeral range ended. */
public record EphemeralPortFreed(PortKey port) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.ephemeralPortFreed(this);
    }
}
