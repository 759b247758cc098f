package org.wskemu.api.event;

import org.wskemu.api.SocketId;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;

/** WskBind succeeded: the socket holds {@code binding}; {@code decision} says why. The call's last event. */
public record SocketBound(SocketId socket, Binding binding, BindDecision decision) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.socketBound(this);
    }
}
