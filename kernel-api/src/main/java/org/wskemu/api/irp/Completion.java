package org.wskemu.api.irp;

import java.util.Objects;

/**
 * Everything known once an IRP completes.
 *
 * @param ioStatus the IoStatus block
 * @param result   the call-specific result
 * @param position the global event-store position of the call's last recorded event, or 0 when
 *                 the call was refused before anything could be recorded
 */
public record Completion(IoStatusBlock ioStatus, CallResult result, long position) {

    public Completion {
        Objects.requireNonNull(ioStatus, "ioStatus");
        Objects.requireNonNull(result, "result");
    }
}
