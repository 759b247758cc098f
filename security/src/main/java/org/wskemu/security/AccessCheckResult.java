package org.wskemu.security;

import java.util.Objects;

/**
 * The answer of {@link AccessCheck#check}: granted or denied, and why.
 *
 * @param granted whether every requested right is granted; equals {@code trace.granted()}
 * @param trace   how the check reached its answer, never null
 */
public record AccessCheckResult(boolean granted, AccessTrace trace) {

    /**
     * Checks the answer agrees with its trace.
     *
     * @param granted whether every requested right is granted
     * @param trace   how the check reached its answer
     * @throws IllegalArgumentException if {@code granted} contradicts the trace
     */
    public AccessCheckResult {
        Objects.requireNonNull(trace, "trace");
        if (granted != trace.granted()) {
            throw new IllegalArgumentException("result granted=" + granted + " contradicts its trace");
        }
    }
}
