package org.wskemu.engine.aggregate;

import java.util.Objects;
import org.wskemu.api.NtStatus;
import org.wskemu.api.irp.CallResult;

/**
 * What a call came to: its status, its IoStatus.Information and its result.
 */
public record Outcome(NtStatus status, long information, CallResult result) {

    public Outcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
    }

    public static Outcome of(NtStatus status) {
        return new Outcome(status, 0, CallResult.NONE);
    }
}
