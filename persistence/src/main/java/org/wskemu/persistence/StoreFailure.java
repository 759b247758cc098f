package org.wskemu.persistence;

/**
 * The store's failure vocabulary in one place: each kind of {@link StoreException} with its one line
 * of text, {@code store <where> is damaged: <what>} and the like. Every class that refuses a store
 * builds its exception here, so the wording a user reads (and the tests pin) is written once, and a
 * new kind of failure is added beside the others.
 *
 * <p>{@code where} is the store as the message names it: a {@link StoreLocation}, or the text the
 * command line already made of it.
 */
public final class StoreFailure {

    private StoreFailure() {
    }

    /**
     * {@return "store W is damaged: WHAT" ({@link StoreException.Reason#DAMAGED})}
     *
     * @param where the store
     * @param what  what is damaged, one line
     * @param cause the failure found, or null
     */
    public static StoreException damaged(Object where, String what, Throwable cause) {
        return new StoreException(StoreException.Reason.DAMAGED, damagedText(where, what), cause);
    }

    /**
     * {@return the text of {@link #damaged}, for a caller that reports it otherwise (an exit code)}
     *
     * @param where the store
     * @param what  what is damaged, one line
     */
    public static String damagedText(Object where, String what) {
        return "store " + where + " is damaged: " + what;
    }

    /**
     * {@return "store W is refused: WHY" ({@link StoreException.Reason#DAMAGED}): a store that reads
     * but is not one wskemu may open}
     *
     * @param where the store
     * @param why   why it is refused, one line
     */
    public static StoreException refused(Object where, String why) {
        return new StoreException(StoreException.Reason.DAMAGED, "store " + where + " is refused: " + why, null);
    }

    /**
     * {@return "store W is in use by another process" ({@link StoreException.Reason#IN_USE})}
     *
     * @param where the store
     * @param cause the lock failure
     */
    public static StoreException inUse(Object where, Throwable cause) {
        return new StoreException(StoreException.Reason.IN_USE, "store " + where + " is in use by another process",
                cause);
    }

    /**
     * {@return "store W was written by a newer wskemu (...)" ({@link StoreException.Reason#NEWER_VERSION})}
     *
     * @param where  the store
     * @param stored the schema version the store holds
     * @param known  the newest version this build knows
     */
    public static StoreException newer(Object where, Object stored, Object known) {
        return new StoreException(StoreException.Reason.NEWER_VERSION, "store " + where
                + " was written by a newer wskemu (schema version " + stored + ", this build knows up to " + known
                + ")", null);
    }

    /**
     * {@return "store W cannot be read: WHY" ({@link StoreException.Reason#FAILED})}
     *
     * @param where the store
     * @param why   why, one line
     * @param cause the failure, or null
     */
    public static StoreException unreadable(Object where, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.FAILED, "store " + where + " cannot be read: " + why, cause);
    }

    /**
     * {@return "store W cannot be written: WHY" ({@link StoreException.Reason#NOT_WRITABLE})}
     *
     * @param where the store
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException unwritable(Object where, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.NOT_WRITABLE, "store " + where + " cannot be written: " + why,
                cause);
    }

    /**
     * {@return "store W does not exist" ({@link StoreException.Reason#MISSING})}
     *
     * @param where the store
     */
    public static StoreException missing(Object where) {
        return new StoreException(StoreException.Reason.MISSING, "store " + where + " does not exist", null);
    }
}
