package org.wskemu.engine.explore;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.wskemu.api.NtStatus;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.session.SessionCall;

/**
 * {@code wskemu explore}'s core: every interleaving of a session's programs, decided in memory by the
 * engine's one dispatcher ({@code PlainModel}, no store), with dynamic partial-order reduction
 * (source sets and sleep sets, Abdulla et al. 2014) so that orders differing only in the order of
 * independent calls are run once. DESIGN.md "Exploring interleavings" gives the dependency relation and
 * why the reduction finds every outcome the naive search finds.
 *
 * <p>For the cli and the bench (the package is internal: no embedder API).
 */
public final class Explorer {

    /** What a program is: the calls on the sockets one process created, or one owning thread. */
    public enum By {
        /** The process that created the socket (the socket line's {@code process}). */
        PROCESS,
        /** The socket line's {@code owningThread}, where it names one; else the creating process. */
        THREAD
    }

    /** How the orders are chosen. */
    public enum Mode {
        /** Every order up to equivalence (the default). */
        REDUCED,
        /** Every order, one by one (the tests' reference). */
        NAIVE,
        /** Orders drawn at random: at each step, one of the programs that can go on, uniformly. */
        RANDOM
    }

    /**
     * A session explore cannot take, at a line.
     */
    public static final class BadSession extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** The session file's line. */
        private final int line;

        BadSession(int line, String reason) {
            super(reason);
            this.line = line;
        }

        /** {@return the session file's line} */
        public int line() {
            return line;
        }
    }

    /**
     * What one call got in one order.
     *
     * @param status the status it completed with
     * @param bound  for a bind to port 0, the address it was given; else null
     */
    public record Answer(NtStatus status, TransportAddress bound) {
        /**
         * Checks the status.
         *
         * @param status the status it completed with
         * @param bound  for a bind to port 0, the address it was given; else null
         */
        public Answer {
            Objects.requireNonNull(status, "status");
        }

        /** {@return the status's name, with the bound address after it when there is one} */
        public String text() {
            return bound == null ? status.fullName() : status.fullName() + " " + bound;
        }
    }

    /**
     * A call whose answer in an outcome differs from the one it gets in the file's own order.
     *
     * @param call   the call
     * @param answer its answer in the outcome
     * @param own    its answer in the file's own order
     */
    public record Difference(SessionCall call, Answer answer, Answer own) {
    }

    /**
     * One distinct outcome: the answers of every call.
     *
     * @param number      1 for the file's own outcome, then in the order found
     * @param orders      how many orders run gave it
     * @param differences the calls whose answer differs from the file's own order, in file order; immutable
     * @param answers     every call's answer, in file order (declarations left out); immutable
     * @param witness     one order that gives it: the declarations, then the calls in that order; immutable
     */
    public record Outcome(int number, long orders, List<Difference> differences, List<Answer> answers,
                          List<SessionCall> witness) {
        /**
         * Copies the lists.
         *
         * @param number      1 for the file's own outcome, then in the order found
         * @param orders      how many orders run gave it
         * @param differences the calls whose answer differs from the file's own order
         * @param answers     every call's answer, in file order
         * @param witness     one order that gives it
         */
        public Outcome {
            differences = List.copyOf(differences);
            answers = List.copyOf(answers);
            witness = List.copyOf(witness);
        }
    }

    /**
     * The search's result.
     *
     * @param outcomes    each distinct outcome, the file's own first; immutable
     * @param programs    the programs, named ({@code process 4}, {@code thread 7}); immutable
     * @param naiveOrders the orders a search without reduction would run, or null when too many to count
     * @param ordersRun   the orders run to their end
     * @param complete    whether every order was covered (false when cut by a bound, or drawn at random)
     */
    public record Result(List<Outcome> outcomes, List<String> programs, BigInteger naiveOrders, long ordersRun,
                         boolean complete) {
        /**
         * Copies the lists.
         *
         * @param outcomes    each distinct outcome, the file's own first
         * @param programs    the programs, named
         * @param naiveOrders the orders a search without reduction would run, or null
         * @param ordersRun   the orders run to their end
         * @param complete    whether every order was covered
         */
        public Result {
            outcomes = List.copyOf(outcomes);
            programs = List.copyOf(programs);
        }

        /** {@return whether some order changes some call's answer} */
        public boolean differs() {
            return outcomes.size() > 1;
        }
    }

    /** The most calls (declarations aside) a session may have to be explored: an order's steps are kept, one state each. */
    public static final int MAX_CALLS = 20_000;

    private static final long STACK_BYTES = 256L * 1024 * 1024;

    private Explorer() {
    }

    /**
     * Explores a session.
     *
     * @param session   the session's lines, in file order (as {@code SessionFile.calls()})
     * @param profile   the sharing profile every decision is made under
     * @param by        what a program is
     * @param mode      how the orders are chosen
     * @param maxOrders the most orders to run (0: no bound; {@link Mode#RANDOM} draws this many, 1000 when 0)
     * @param seed      the random draw's seed ({@link Mode#RANDOM})
     * @param progress  told the number of orders run, now and then
     * @return the outcomes and the counts
     * @throws BadSession for a {@code host} line after the first call, or more than {@link #MAX_CALLS} calls
     */
    public static Result explore(List<SessionCall> session, ProfileId profile, By by, Mode mode, long maxOrders,
                                 long seed, LongConsumer progress) {
        Programs programs = Programs.of(session, by);
        if (programs.size() > MAX_CALLS) {
            throw new BadSession(programs.calls.get(MAX_CALLS).line(), "explore takes at most " + MAX_CALLS
                    + " calls (declarations aside); this is call " + (MAX_CALLS + 1));
        }
        Search search = new Search(programs, profile, progress);
        Runnable run = switch (mode) {
            case REDUCED -> () -> search.run(true, maxOrders);
            case NAIVE -> () -> search.run(false, maxOrders);
            case RANDOM -> () -> search.sample(maxOrders > 0 ? maxOrders : 1000, seed);
        };
        // the depth-first search recurses once per call of an order: on a thread whose stack holds MAX_CALLS of them
        Thread thread = new Thread(null, run, "wskemu-explore", STACK_BYTES);
        RuntimeException[] failure = new RuntimeException[1];
        Error[] error = new Error[1];
        thread.setUncaughtExceptionHandler((t, e) -> {
            if (e instanceof RuntimeException r) {
                failure[0] = r;
            } else if (e instanceof Error err) {
                error[0] = err;
            }
        });
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while exploring", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        if (error[0] != null) {
            throw error[0];
        }
        return new Result(search.outcomes(), programs.names, NaiveCount.of(programs), search.ordersRun(),
                mode != Mode.RANDOM && !search.cut());
    }
}
