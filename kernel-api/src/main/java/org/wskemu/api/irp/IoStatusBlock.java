package org.wskemu.api.irp;

import java.util.Objects;
import org.wskemu.api.NtStatus;

/**
 * The IoStatus of a completed IRP: the final status and the call-specific Information value
 * (the new socket's handle for WskSocket, the bytes written for WskGetOption, otherwise 0).
 */
public record IoStatusBlock(NtStatus status, long information) {

    /**
     * Checks the status is a final one.
     *
     * @param status      the final status
     * @param information the call-specific Information value
     * @throws IllegalArgumentException if {@code status} is STATUS_PENDING
     */
    public IoStatusBlock {
        Objects.requireNonNull(status, "status");
        if (status == NtStatus.PENDING) {
            throw new IllegalArgumentException("an IRP never completes with STATUS_PENDING");
        }
    }

    /**
     * {@return an IoStatus of {@code status} with Information 0}
     *
     * @param status the final status
     */
    public static IoStatusBlock of(NtStatus status) {
        return new IoStatusBlock(status, 0);
    }
}
