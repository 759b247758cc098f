package org.wskemu.engine.command;

import org.wskemu.api.CallKind;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;

/** Records a call refused before it reached a socket's rules (an unknown socket, a NULL or pending IRP). */
public record RecordMisuse(SocketId socket, CallKind call, NtStatus status, String reason) implements KernelCommand {

    @Override
    public String targetId() {
        return MACHINE;
    }
}
