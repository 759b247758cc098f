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
     * {@return "store W cannot be read by a query: its read models lag its log ..." ({@link StoreException.Reason#FAILED})}:
     * a store an older wskemu wrote, whose read models only a writer ('wskemu rebuild', or the next run) folds again.
     *
     * @param where the store
     */
    public static StoreException behind(Object where) {
        return new StoreException(StoreException.Reason.FAILED, "store " + where + " cannot be read by a query: its read "
                + "models lag its log (an older wskemu left them to fold later); run 'wskemu rebuild' once", null);
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

    /**
     * {@return "store W does not exist (WHY); only 'wskemu run' creates a store"
     * ({@link StoreException.Reason#MISSING})}
     *
     * @param where the store
     * @param why   how it was found missing, one clause
     */
    public static StoreException missing(Object where, String why) {
        return new StoreException(StoreException.Reason.MISSING, "store " + where + " does not exist (" + why
                + "); only 'wskemu run' creates a store", null);
    }

    /**
     * {@return "store W cannot be written" ({@link StoreException.Reason#NOT_WRITABLE}), with the read-only
     * file system named when it is one}
     *
     * @param where      the store
     * @param fileSystem {@code ": the file system is read-only"}, or empty
     */
    public static StoreException unwritable(Object where, String fileSystem) {
        return new StoreException(StoreException.Reason.NOT_WRITABLE, "store " + where + " cannot be written" + fileSystem,
                null);
    }

    /**
     * {@return "store W cannot be written: CAUSE; a fault of the machine, ..." ({@link
     * StoreException.Reason#NOT_WRITABLE}): no space, a quota, the file-size limit, a read-only file system;
     * never damage}
     *
     * @param where   the store
     * @param cause   the machine's fault, named (e.g. "no space left on the device (the disk is full)")
     * @param failure what the driver threw
     */
    public static StoreException machineFault(Object where, String cause, Throwable failure) {
        return new StoreException(StoreException.Reason.NOT_WRITABLE, "store " + where + " cannot be written: " + cause
                + "; a fault of the machine, not of the store's contents: what was reported committed is kept", failure);
    }

    /**
     * {@return "store W cannot be created: WHY" ({@link StoreException.Reason#NOT_WRITABLE})}
     *
     * @param where the store
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException uncreatable(Object where, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.NOT_WRITABLE, "store " + where + " cannot be created: " + why,
                cause);
    }

    /**
     * {@return "store W cannot be made owner-only: WHY" ({@link StoreException.Reason#NOT_WRITABLE})}
     *
     * @param where the store
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException notOwnerOnly(Object where, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.NOT_WRITABLE, "store " + where + " cannot be made owner-only: "
                + why, cause);
    }

    /**
     * {@return "store W cannot be upgraded (it was left as it was): WHY" ({@link
     * StoreException.Reason#NOT_WRITABLE})}
     *
     * @param where the store
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException notUpgraded(Object where, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.NOT_WRITABLE, "store " + where
                + " cannot be upgraded (it was left as it was): " + why, cause);
    }

    /**
     * {@return "store W is not a directory" ({@link StoreException.Reason#NOT_A_DIRECTORY})}
     *
     * @param where the store
     */
    public static StoreException notADirectory(Object where) {
        return new StoreException(StoreException.Reason.NOT_A_DIRECTORY, "store " + where + " is not a directory", null);
    }

    /**
     * {@return "store W is already open in this process" ({@link StoreException.Reason#IN_USE})}
     *
     * @param where the store
     */
    public static StoreException alreadyOpen(Object where) {
        return new StoreException(StoreException.Reason.IN_USE, "store " + where + " is already open in this process",
                null);
    }

    /**
     * {@return "store W cannot be resolved: WHY" ({@link StoreException.Reason#FAILED}): its path does not
     * lead anywhere usable}
     *
     * @param where the store
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException unresolvable(Object where, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.FAILED, "store " + where + " cannot be resolved: " + why, cause);
    }

    /**
     * {@return "store W has WHAT" ({@link StoreException.Reason#FAILED}): a path H2 would read otherwise
     * than the file system}
     *
     * @param where the store
     * @param what  what its path has, and what H2 would make of it
     */
    public static StoreException unopenablePath(Object where, String what) {
        return new StoreException(StoreException.Reason.FAILED, "store " + where + " has " + what, null);
    }

    /**
     * {@return "store W could not be opened: WHY" ({@link StoreException.Reason#FAILED})}
     *
     * @param where the store
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException unopenable(Object where, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.FAILED, "store " + where + " could not be opened: " + why, cause);
    }

    /**
     * {@return "store W cannot be reached: WHY" ({@link StoreException.Reason#FAILED}): a server that does
     * not answer}
     *
     * @param where the store
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException unreachable(Object where, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.FAILED, "store " + where + " cannot be reached: " + why, cause);
    }

    /**
     * {@return "store W cannot be opened: WHY (wskemu creates tables, not databases: ...)" ({@link
     * StoreException.Reason#MISSING}): a server without the database the URL names}
     *
     * @param where the store
     * @param why   the server's words, one line
     * @param cause the failure
     */
    public static StoreException noDatabase(Object where, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.MISSING, "store " + where + " cannot be opened: " + why
                + " (wskemu creates tables, not databases: CREATE DATABASE first)", cause);
    }

    /**
     * {@return "store W lost its connection to the server: WHY (...)" ({@link StoreException.Reason#FAILED})}
     *
     * @param where the store
     * @param why   the driver's words, one line
     * @param cause the failure
     */
    public static StoreException connectionLost(Object where, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.FAILED, "store " + where + " lost its connection to the server: "
                + why + " (what was reported committed is kept; run the rest again)", cause);
    }

    /**
     * {@return "store could not be shut down: WHY" ({@link StoreException.Reason#FAILED})}
     *
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException notShutDown(String why, Throwable cause) {
        return new StoreException(StoreException.Reason.FAILED, "store could not be shut down: " + why, cause);
    }

    /**
     * {@return a store half-made by an older wskemu, named with its fix ({@link StoreException.Reason#FAILED})}
     *
     * @param whatAndFix the store, its state and the fix, one line
     * @param cause      the migration's failure
     */
    public static StoreException halfMade(String whatAndFix, Throwable cause) {
        return new StoreException(StoreException.Reason.FAILED, whatAndFix, cause);
    }

    /**
     * {@return "store W already holds events: copy writes only into a new or empty store" ({@link
     * StoreException.Reason#FAILED})}
     *
     * @param where the target store
     */
    public static StoreException notEmpty(Object where) {
        return new StoreException(StoreException.Reason.FAILED, "store " + where
                + " already holds events: copy writes only into a new or empty store", null);
    }

    /**
     * {@return "copying from A to B failed: WHY" ({@link StoreException.Reason#FAILED})}
     *
     * @param from  the source store
     * @param to    the target store
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException notCopied(Object from, Object to, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.FAILED, "copying from " + from + " to " + to + " failed: " + why,
                cause);
    }

    /**
     * {@return "store W could not be exported: WHY" ({@link StoreException.Reason#FAILED})}
     *
     * @param where the store
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException notExported(Object where, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.FAILED, "store " + where + " could not be exported: " + why,
                cause);
    }

    /**
     * {@return "export F is damaged at line L: WHAT; nothing was written" ({@link StoreException.Reason#DAMAGED})}
     *
     * @param file the export
     * @param line its line (1 is the header)
     * @param what what fails there, one line
     */
    public static StoreException damagedExport(Object file, long line, String what) {
        return new StoreException(StoreException.Reason.DAMAGED, "export " + file + " is damaged at line " + line + ": "
                + what + "; nothing was written", null);
    }

    /**
     * {@return "export F was written by a newer wskemu (format version V, ...)" ({@link
     * StoreException.Reason#NEWER_VERSION})}
     *
     * @param file    the export
     * @param version the format version it names
     * @param known   the newest format version this build reads
     */
    public static StoreException newerExport(Object file, int version, int known) {
        return new StoreException(StoreException.Reason.NEWER_VERSION, "export " + file + " was written by a newer "
                + "wskemu (format version " + version + ", this build reads " + known + ")", null);
    }

    /**
     * {@return "export F cannot be read: WHY" ({@link StoreException.Reason#FAILED})}
     *
     * @param file  the export
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException exportUnreadable(Object file, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.FAILED, "export " + file + " cannot be read: " + why, cause);
    }

    /**
     * {@return "loading F into W failed: WHY" ({@link StoreException.Reason#FAILED})}
     *
     * @param file  the export
     * @param to    the target store
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException notLoaded(Object file, Object to, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.FAILED, "loading " + file + " into " + to + " failed: " + why,
                cause);
    }

    /**
     * {@return "loading failed: WHY" ({@link StoreException.Reason#FAILED}): a row that could not be
     * written, reported inside the load that names the file and the store}
     *
     * @param why   why, one line
     * @param cause the failure
     */
    public static StoreException loadFailed(String why, Throwable cause) {
        return new StoreException(StoreException.Reason.FAILED, "loading failed: " + why, cause);
    }
}
