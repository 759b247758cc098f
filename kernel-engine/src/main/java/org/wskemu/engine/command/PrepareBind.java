package org.wskemu.engine.command;

import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.ProfileId;

/** First half of WskBind on the socket: refuses what the socket alone refuses, else answers the sharing attributes to decide with. */
public record PrepareBind(SocketId socket, TransportAddress address, ProfileId profile) implements KernelCommand {

    @Override
    public String targetId() {
        return socket.aggregateId();
    }
}
