package org.wskemu.api.irp;

import java.util.Objects;
import org.wskemu.api.NtStatus;

/**
 * The IoStatus of a completed IRP: the final status and the call-specific Information value
 * (the new socket's handle for WskSocket, the bytes written for WskGetOption, otherwise 0).
 */
public record IoStatusBlock(NtStatus status, long information) {

    public IoStatusBlock {
        Objects.requireNonNull(status, "status");
        if (status == NtStatus.PENDING) {
            throw new IllegalArgumentException("an IRP never completes with STATUS_PENDING");
        }
    }

    public static IoStatusBlock of(NtStatus status) {
        return new IoStatusBlock(status, 0);
    }
}
