package org.wskemu.api.event;

import org.wskemu.api.SocketId;
import org.wskemu.api.sharing.BindDecision;

/** WskBind was refused; the socket stays unbound and may try again. */
public record BindRefused(SocketId socket, BindDecision decision) implements WskEvent {
}
