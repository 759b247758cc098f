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

    /**
     * Copies the lists.
     *
     * @param events               events read
     * @param decisions            bind decisions re-derived
     * @param mismatches           the decisions that differ
     * @param readModelDifferences the read models that differ
     */
    public VerifyReport {
        mismatches = List.copyOf(mismatches);
        readModelDifferences = List.copyOf(readModelDifferences);
    }

    /**
     * A report of the log alone, without read models to compare.
     *
     * @param events     events read
     * @param decisions  bind decisions re-derived
     * @param mismatches the decisions that differ
     */
    public VerifyReport(long events, long decisions, List<Mismatch> mismatches) {
        this(events, decisions, mismatches, List.of());
    }

    /**
     * A recorded event that the log's own state does not give: a bind decision re-derived
     * differently, or (in a log changed after it was written) an event that cannot follow the ones
     * before it.
     *
     * @param position  the event's position
     * @param socket    the socket's label or handle
     * @param what      the call or event: {@code bind}, or the event's name
     * @param recorded  what the log records
     * @param rederived what the state before it gives
     */
    public record Mismatch(long position, String socket, String what, String recorded, String rederived) {

        @Override
        public String toString() {
            return "position " + position + ": " + what + " of socket " + socket + " recorded " + recorded
                    + " but the state before it gives " + rederived;
        }
    }

    /** {@return whether every decision re-derives and the read models are the fold of the log} */
    public boolean ok() {
        return mismatches.isEmpty() && readModelDifferences.isEmpty();
    }
}
