package org.wskemu.api.event;

import org.wskemu.api.CallKind;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;

/**
 * A call refused as misuse before it reached the socket's rules: a closed or unknown socket
 * (INVALID_HANDLE, [emulator choice] SPEC.md 5), a NULL IRP or an IRP still pending
 * (INVALID_PARAMETER).
 */
public record CallRefused(SocketId socket, CallKind call, NtStatus status, String reason) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.callRefused(this);
    }
}
