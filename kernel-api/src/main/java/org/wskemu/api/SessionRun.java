package org.wskemu.api;

/**
 * The session run a socket was created in: none ({@link #NONE}, number 0), for a call made through
 * the embedding API, or the run numbered from 1 that {@code wskemu run} (or {@code sessions().run})
 * started.
 *
 * <p>The log, the read-model tables and the command line keep a run as its {@link #number()}, 0 for
 * none: stored events read unchanged, and "run 0" reads as "calls made outside any run".
 *
 * @param number the run's number from 1, or 0 for none
 */
public record SessionRun(long number) {

    /** Outside any session run: a call made through the embedding API. */
    public static final SessionRun NONE = new SessionRun(0);

    /**
     * Checks the number.
     *
     * @param number the run's number from 1, or 0 for none
     * @throws IllegalArgumentException if the number is negative
     */
    public SessionRun {
        if (number < 0) {
            throw new IllegalArgumentException("a session run is numbered from 1 (0 for none), not " + number);
        }
    }

    /**
     * {@return the run of this stored number: {@link #NONE} for 0}
     *
     * @param number the stored number, 0 or more
     * @throws IllegalArgumentException if the number is negative
     */
    public static SessionRun of(long number) {
        return number == 0 ? NONE : new SessionRun(number);
    }

    /** {@return the number in decimal, {@code 0} for none, as the output prints a run} */
    @Override
    public String toString() {
        return Long.toString(number);
    }
}
