package org.wskemu.engine.verify;

import java.util.List;

/**
 * What verify found: how many bind decisions it re-derived and where a recorded one differs, and
 * where the read models differ from the fold of the log (invariant 3).
 *
 * @param events               events read
 * @param decisions            bind decisions re-derived
 * @param mismatches           every decision whose re-derivation differs from the record
 * @param readModelDifferences one line per read model that differs from the log's fold
 */
public record VerifyReport(long events, long decisions, List<Mismatch> mismatches, List<String> readModelDifferences) {

    public VerifyReport {
        mismatches = List.copyOf(mismatches);
        readModelDifferences = List.copyOf(readModelDifferences);
    }

    /** A report of the log alone, without read models to compare. */
    public VerifyReport(long events, long decisions, List<Mismatch> mismatches) {
        this(events, decisions, mismatches, List.of());
    }

    /**
     * A recorded event that the log's own state does not give: a bind decision re-derived
     * differently, or (in a log changed after it was written) an event that cannot follow the ones
     * before it.
     *
     * @param what the call or event: {@code bind}, or the event's name
     */
    public record Mismatch(long position, String socket, String what, String recorded, String rederived) {

        @Override
        public String toString() {
            return "position " + position + ": " + what + " of socket " + socket + " recorded " + recorded
                    + " but the state before it gives " + rederived;
        }
    }

    /** Whether every decision re-derives and the read models are the fold of the log. */
    public boolean ok() {
        return mismatches.isEmpty() && readModelDifferences.isEmpty();
    }
}
