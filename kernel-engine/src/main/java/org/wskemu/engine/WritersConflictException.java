package org.wskemu.engine;

/**
 * Another writer of the same store kept winning the append races on the aggregates a call needs: the
 * engine tried again, in ever smaller parts and after ever longer pauses, and gave up. What committed
 * before stays committed; nothing of the call that kept losing was written. Running it again later,
 * when the other writer is done, continues safely.
 */
public final class WritersConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How many races in a row were lost. */
    private final int lost;

    WritersConflictException(int lost, RuntimeException last) {
        super("another writer of the store kept winning: " + lost + " append races lost in a row, the last "
                + describe(last) + "; the calls before it are committed", last);
        this.lost = lost;
    }

    /** {@return how many append races in a row were lost before giving up} */
    public int lost() {
        return lost;
    }

    private static String describe(RuntimeException last) {
        String message = last.getMessage();
        return message == null || message.isBlank() ? "on an aggregate already appended to"
                : "with '" + message.strip().split("\\R", 2)[0] + "'";
    }
}
