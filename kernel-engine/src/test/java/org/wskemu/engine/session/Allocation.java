package org.wskemu.engine.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes allocated by the calling thread (HotSpot's per-thread counter): a parse of hostile
 * input must allocate in proportion to what it was given, never without bound. A count, not a time.
 */
final class Allocation {

    /** What any parse may allocate besides its per-character share. */
    static final long BASE = 1 << 20;
    /**
     * Bytes a parse may allocate per input character (a warm SDDL parse takes about 45). While
     * fuzzing, Jazzer's hooks allocate on the parsing thread at each comparison they trace, so the
     * same 1,699-character SDDL took 1.99 MB fuzzing and 74 KB plain: the share is 8 times larger
     * then, still linear, still far below a runaway allocation.
     */
    static final long PER_CHARACTER = System.getenv("JAZZER_FUZZ") == null ? 512 : 4 * 1024;
    /** Bytes a parse may allocate per line besides: a faulty line costs a JSON parser's exception. */
    static final long PER_LINE = 64 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    static long ofThisThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Runs {@code parse} twice and asserts that the second run allocated at most {@link #BASE} +
     * {@link #PER_CHARACTER} a character + {@link #PER_LINE} a line: the first pays for loading classes.
     */
    static void measured(int inputLength, int lines, String what, Runnable parse) {
        parse.run();
        long before = ofThisThread();
        parse.run();
        long allocated = ofThisThread() - before;
        long limit = BASE + PER_CHARACTER * inputLength + PER_LINE * lines;
        assertTrue(allocated <= limit, () -> what + " allocated " + allocated + " bytes, more than " + limit);
    }

    static String excerpt(String text) {
        return text.length() <= 80 ? "'" + text + "'" : "'" + text.substring(0, 77) + "...' (" + text.length() + " chars)";
    }
}
