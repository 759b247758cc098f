package org.wskemu.engine.sharing;

import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * The ephemeral port choice of SPEC.md 6.1: the lowest port in 49152-65535 with no binding of the
 * same protocol and family ([emulator choice: deterministic]); none free gives
 * STATUS_TOO_MANY_ADDRESSES.
 */
public final class EphemeralPorts {

    public static final int FIRST = 49_152;
    public static final int LAST = 65_535;

    private EphemeralPorts() {
    }

    public static boolean inRange(int port) {
        return port >= FIRST && port <= LAST;
    }

    /** The lowest port of the range for which {@code taken} is false, if any. */
    public static OptionalInt lowestFree(IntPredicate taken) {
        return lowestFree(FIRST, taken);
    }

    /** The lowest port of the range, at or above {@code from}, for which {@code taken} is false, if any. */
    public static OptionalInt lowestFree(int from, IntPredicate taken) {
        for (int port = Math.max(FIRST, from); port <= LAST; port++) {
            if (!taken.test(port)) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }
}
