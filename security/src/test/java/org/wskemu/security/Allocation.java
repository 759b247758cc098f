package org.wskemu.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes allocated by the calling thread (HotSpot's per-thread counter): a parse of hostile
 * input must allocate in proportion to what it was given, never without bound. A count, not a time.
 */
final class Allocation {

    /** What any parse may allocate besides its per-character share. */
    static final long BASE = 1 << 20;
    /** Bytes a parse may allocate per input character. */
    static final long PER_CHARACTER = 512;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    static long ofThisThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Runs {@code parse} twice and asserts that the second run allocated at most {@link #BASE} +
     * {@link #PER_CHARACTER} a character: the first pays for loading classes.
     */
    static void measured(int inputLength, String what, Runnable parse) {
        parse.run();
        long before = ofThisThread();
        parse.run();
        long allocated = ofThisThread() - before;
        long limit = BASE + PER_CHARACTER * inputLength;
        assertTrue(allocated <= limit, () -> what + " allocated " + allocated + " bytes, more than " + limit);
    }

    static String excerpt(String text) {
        return text.length() <= 80 ? "'" + text + "'" : "'" + text.substring(0, 77) + "...' (" + text.length() + " chars)";
    }
}
