package org.wskemu.engine.sharing;

import java.util.OptionalInt;
import java.util.function.IntPredicate;
import org.wskemu.api.sharing.Binding;

/**
 * The ephemeral port choice of SPEC.md 6.1: the lowest port in 49152-65535 with no binding of the
 * same protocol and family ([emulator choice: deterministic]); none free gives
 * STATUS_TOO_MANY_ADDRESSES.
 */
public final class EphemeralPorts {

    /** The first ephemeral port, 49152. */
    public static final int FIRST = 49_152;
    /** The last ephemeral port, 65535. */
    public static final int LAST = 65_535;

    private EphemeralPorts() {
    }

    /**
     * What became of a port-0 bind's recorded port (SPEC.md 6, rule 1a): taken when no name space of the
     * bind has a binding on it, else the port rule 1 gives, the call a divergence naming a holder.
     *
     * @param recorded the recorded port
     * @param holder   a live binding on the recorded port in a name space of the bind, or null when it is free
     * @param chosen   the port the bind takes
     * @return the note the decision's reason starts with
     */
    public static String recordedPortNote(int recorded, Binding holder, int chosen) {
        if (holder == null) {
            return "recorded port " + recorded + " taken: no binding of the protocol holds it in any name space of the bind"
                    + " (SPEC.md 6, rule 1a)";
        }
        return "DIVERGED: recorded port " + recorded + " is held by socket " + holder.label() + " (run "
                + holder.run().number() + ", process " + holder.process().value() + ", " + holder.address() + "); port "
                + chosen + " by rule 1 instead (SPEC.md 6, rule 1a)";
    }

    /**
     * Whether {@code port} is in the ephemeral range.
     *
     * @param port a port number
     * @return true for 49152-65535
     */
    public static boolean inRange(int port) {
        return port >= FIRST && port <= LAST;
    }

    /**
     * The lowest port of the range for which {@code taken} is false, if any.
     *
     * @param taken whether a port already has a binding of the protocol and family
     * @return the port, or empty when all are taken (STATUS_TOO_MANY_ADDRESSES)
     */
    public static OptionalInt lowestFree(IntPredicate taken) {
        return lowestFree(FIRST, taken);
    }

    /**
     * The lowest port of the range, at or above {@code from}, for which {@code taken} is false, if any.
     *
     * @param from  the port to start at; one below the range starts at {@link #FIRST}
     * @param taken whether a port already has a binding of the protocol and family
     * @return the port, or empty when all from there are taken
     */
    public static OptionalInt lowestFree(int from, IntPredicate taken) {
        for (int port = Math.max(FIRST, from); port <= LAST; port++) {
            if (!taken.test(port)) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }
}
