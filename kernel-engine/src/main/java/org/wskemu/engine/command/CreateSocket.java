package org.wskemu.engine.command;

import org.wskemu.api.SessionRun;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.security.Token;

/** Creates the Socket aggregate of a WskSocket call whose context was resolved. */
public record CreateSocket(SocketId socket, SessionRun run, SocketRequest request, Token context) implements KernelCommand {

    @Override
    public String targetId() {
        return socket.aggregateId();
    }
}
