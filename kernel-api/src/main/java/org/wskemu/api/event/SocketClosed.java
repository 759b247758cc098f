package org.wskemu.api.event;

import org.wskemu.api.SocketId;
import org.wskemu.api.sharing.Binding;

/** WskCloseSocket: the socket is closed and its binding, if any, released at once (no TIME_WAIT). */
public record SocketClosed(SocketId socket, Binding released) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.socketClosed(this);
    }
}
