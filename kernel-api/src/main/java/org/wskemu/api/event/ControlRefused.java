package org.wskemu.api.event;

import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;

/** WskControlSocket was refused with {@code status}. */
public record ControlRefused(SocketId socket, ControlRequest request, NtStatus status, String reason)
        implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.controlRefused(this);
    }
}
