package org.wskemu.engine.aggregate;

import java.util.Objects;
import org.wskemu.api.NtStatus;
import org.wskemu.api.irp.CallResult;

/**
 * What a call came to: its status, its IoStatus.Information and its result.
 *
 * @param status      the call's status
 * @param information IoStatus.Information (bytes written, or a run's number for a run start)
 * @param result      the call's result, {@link CallResult#NONE} when it has none
 */
public record Outcome(NtStatus status, long information, CallResult result) {

    /**
     * Checks the components.
     *
     * @param status      the call's status, never null
     * @param information IoStatus.Information
     * @param result      the call's result, never null
     */
    public Outcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
    }

    /**
     * An outcome with no information and no result.
     *
     * @param status the call's status
     * @return the outcome
     */
    public static Outcome of(NtStatus status) {
        return new Outcome(status, 0, CallResult.NONE);
    }
}
