package org.wskemu.engine.verify;

import java.util.List;

/**
 * What verify found: how many bind decisions it re-derived and where a recorded one differs.
 *
 * @param events     events read
 * @param decisions  bind decisions re-derived
 * @param mismatches every decision whose re-derivation differs from the record
 */
public record VerifyReport(long events, long decisions, List<Mismatch> mismatches) {

    public VerifyReport {
        mismatches = List.copyOf(mismatches);
    }

    /** A recorded decision that the log's own state does not give. */
    public record Mismatch(long position, String socket, String recorded, String rederived) {

        @Override
        public String toString() {
            return "position " + position + ": bind of socket " + socket + " recorded " + recorded
                    + " but the state before it gives " + rederived;
        }
    }

    public boolean ok() {
        return mismatches.isEmpty();
    }
}
