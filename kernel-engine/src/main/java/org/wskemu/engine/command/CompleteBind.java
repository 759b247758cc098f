package org.wskemu.engine.command;

import org.wskemu.api.SocketId;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;

/** Last half of a successful WskBind: the socket now holds {@code binding}. */
public record CompleteBind(SocketId socket, Binding binding, BindDecision decision) implements KernelCommand {

    @Override
    public String targetId() {
        return socket.aggregateId();
    }
}
