package org.wskemu.api;

/**
 * The session run a socket was created in: none, for a call made through the embedding API, or the
 * run numbered from 1 that {@code wskemu run} (or {@code sessions().run}) started.
 *
 * <p>The log, the read-model tables and the command line keep a run as its {@link #number()}, 0 for
 * none, as they did before this type: stored events read unchanged, and "run 0" still reads as "calls
 * made outside any run".
 */
public sealed interface SessionRun permits SessionRun.None, SessionRun.Numbered {

    /** Outside any session run. */
    SessionRun NONE = new None();

    /**
     * {@return the run of this stored number: {@link #NONE} for 0, else {@link Numbered}}
     *
     * @param number the stored number, 0 or more
     * @throws IllegalArgumentException if the number is negative
     */
    static SessionRun of(long number) {
        return number == 0 ? NONE : new Numbered(number);
    }

    /** {@return the run's number, 0 for none: the form the log, the tables and the output keep} */
    long number();

    /** Outside any session run: a call made through the embedding API. */
    record None() implements SessionRun {

        /** {@return 0, the stored number of no run} */
        @Override
        public long number() {
            return 0;
        }

        /** {@return {@code 0}, as the output has always printed it} */
        @Override
        public String toString() {
            return "0";
        }
    }

    /**
     * A session run.
     *
     * @param number the run's number, from 1
     */
    record Numbered(long number) implements SessionRun {

        /**
         * Checks the number.
         *
         * @param number the run's number
         * @throws IllegalArgumentException if it is not 1 or more
         */
        public Numbered {
            if (number < 1) {
                throw new IllegalArgumentException("a session run is numbered from 1, not " + number);
            }
        }

        /** {@return the number in decimal, as the output prints a run} */
        @Override
        public String toString() {
            return Long.toString(number);
        }
    }
}
