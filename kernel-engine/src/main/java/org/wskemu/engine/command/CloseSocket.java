package org.wskemu.engine.command;

import org.wskemu.api.SocketId;

/** WskCloseSocket; answers the binding released, if any. */
public record CloseSocket(SocketId socket) implements KernelCommand {

    @Override
    public String targetId() {
        return socket.aggregateId();
    }
}
