package org.wskemu.engine.command;

import org.wskemu.api.CallKind;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;

/** Records a call on a live socket refused at once (a NULL or pending IRP, a bad size or level). */
public record RefuseOnSocket(SocketId socket, CallKind call, ControlRequest request, NtStatus status, String reason) implements KernelCommand {

    @Override
    public String targetId() {
        return socket.aggregateId();
    }
}
