package org.wskemu.engine.command;

import org.wskemu.api.ControlRequest;
import org.wskemu.api.SocketId;
import org.wskemu.api.sharing.ProfileId;

/** WskControlSocket on a socket, after the checks done at once; answers the outcome. */
public record ControlSocket(SocketId socket, ControlRequest request, ProfileId profile) implements KernelCommand {

    @Override
    public String targetId() {
        return socket.aggregateId();
    }
}
