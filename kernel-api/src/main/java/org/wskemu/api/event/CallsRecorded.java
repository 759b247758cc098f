package org.wskemu.api.event;

import java.util.List;
import java.util.Objects;

/**
 * What a session file said about calls a run has just recorded: each call's file line and the
 * recording's expectation (SESSION-FORMAT.md: "A run records, with each call, the file's line number
 * and the call's expectation"). The session runner writes one after each committed batch; an entry
 * names its call by the position the run reported for it (the call's last event), so the link holds
 * on a store many writers share. A call with no entry (a store written before, or a batch whose entry
 * was lost to a crash between the two commits) reads as "no expectation".
 *
 * @param run   the run the calls belong to
 * @param calls one entry per call of the batch, in file order
 */
public record CallsRecorded(long run, List<Call> calls) implements WskEvent {

    /**
     * Copies the list.
     *
     * @param run   the run the calls belong to
     * @param calls one entry per call of the batch; copied, never null
     */
    public CallsRecorded {
        calls = List.copyOf(calls);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.callsRecorded(this);
    }

    /**
     * One call's line and expectation.
     *
     * @param position the position of the call's last event
     * @param line     the session file's line number
     * @param expect   the recorded status as the file normalised it ({@code STATUS_SUCCESS},
     *                 {@code WSAEADDRINUSE}, ...), or null when the line carried none
     * @param value    a get's recorded {@code expectValue}: the integer in decimal or the SDDL, or null
     * @param diverged TRUE when the emulator's answer did not meet the expectation, else null (stored
     *                 only when true, to keep the entry small)
     */
    public record Call(long position, int line, String expect, String value, Boolean diverged) {

        /**
         * Checks the line and stores a false {@code diverged} as null.
         *
         * @param position the position of the call's last event
         * @param line     the session file's line number, not negative
         * @param expect   the recorded status, or null
         * @param value    a get's recorded value, or null
         * @param diverged TRUE when the answer did not meet the expectation; FALSE is kept as null
         */
        public Call {
            if (line < 0) {
                throw new IllegalArgumentException("line " + line);
            }
            if (Boolean.FALSE.equals(diverged)) {
                diverged = null;
            }
        }

        /** {@return whether the call carried any expectation (a status or a value)} */
        public boolean hasExpectation() {
            return expect != null || value != null;
        }

        /** {@return whether the emulator's answer departed from the expectation} */
        public boolean diverges() {
            return Boolean.TRUE.equals(diverged);
        }

        /** {@return the expectation as one phrase: {@code STATUS_SUCCESS}, {@code STATUS_SUCCESS, value 1}, {@code any status, value 1} or {@code no expectation}} */
        public String describe() {
            if (!hasExpectation()) {
                return "no expectation";
            }
            return Objects.requireNonNullElse(expect, "any status") + (value != null ? ", value " + value : "");
        }
    }
}
