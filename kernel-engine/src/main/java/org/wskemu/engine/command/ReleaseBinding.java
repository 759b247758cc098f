package org.wskemu.engine.command;

import org.wskemu.api.PortKey;
import org.wskemu.api.SocketId;

/** Drops a closed socket's binding from its port. */
public record ReleaseBinding(PortKey port, SocketId socket) implements KernelCommand {

    @Override
    public String targetId() {
        return port.toString();
    }
}
