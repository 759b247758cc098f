package org.wskemu.api.event;

import org.wskemu.api.PortKey;
import org.wskemu.api.SocketId;

/** The Port aggregate dropped a closed socket's binding. */
public record PortBindingReleased(PortKey port, SocketId socket) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.portBindingReleased(this);
    }
}
