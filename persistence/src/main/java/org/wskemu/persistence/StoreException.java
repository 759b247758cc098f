package org.wskemu.persistence;

import java.util.Objects;

/**
 * A store could not be opened or used. The message is one human-readable line that names the
 * store; the cause, when there is one, keeps the technical detail.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a store was refused, so callers can map it (e.g. to an exit code) without parsing text. */
    public enum Reason {
        /** Another process holds the database open. */
        IN_USE,
        /** The store's schema is newer than this build knows. */
        NEWER_VERSION,
        /** The database file cannot be read as an H2 database. */
        DAMAGED,
        /** The path exists and is not a directory. */
        NOT_A_DIRECTORY,
        /** The directory cannot be created or written. */
        NOT_WRITABLE,
        /** Any other failure; the message and cause tell which. */
        FAILED
    }

    private final Reason reason;

    /**
     * @param reason  never null
     * @param message one line, never null
     * @param cause   may be null
     */
    public StoreException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the store was refused, never null */
    public Reason reason() {
        return reason;
    }
}
