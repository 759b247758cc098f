package org.wskemu.persistence;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.h2.api.ErrorCode;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

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
        /** There is no store there, and the command only reads one (only {@code run} creates a store). */
        MISSING,
        /** Any other failure; the message and cause tell which. */
        FAILED
    }

    /** Why the store was refused. */
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

    /**
     * The store damage that {@code failure} reports, if it reports one: a StoreException among its
     * causes, or H2 finding a page or record of the file corrupted while a command used the store
     * (damage the read-only probe at open cannot see: it reads no data pages); and for a PostgreSQL
     * store, a connection to the server lost while the command used it.
     *
     * @param failure  what a command failed with; never null
     * @param location the store the command used; never null
     * @return the damage as a StoreException naming the store, or empty
     */
    public static Optional<StoreException> damageIn(Throwable failure, StoreLocation location) {
        Objects.requireNonNull(location, "location");
        List<Throwable> causes = causes(Objects.requireNonNull(failure, "failure"));
        for (Throwable t : causes) {
            if (t instanceof StoreException store) {
                return Optional.of(store);
            }
        }
        // issue #17: the machine's fault (a full disk, a read-only file system, a quota) before any
        // reading of it as damage: H2 may report a failed write as a corrupted or closed store
        Optional<StoreException> machine = machineFault(failure, location);
        if (machine.isPresent()) {
            return machine;
        }
        for (Throwable t : causes) {
            boolean corrupted = t instanceof SQLException sql
                    && (sql.getErrorCode() == ErrorCode.FILE_CORRUPTED_1 || sql.getErrorCode() == ErrorCode.FILE_VERSION_ERROR_1
                    // a stored value of another type than its column's: wskemu binds every value
                    // with its column's type, so only a changed file holds one
                    || sql.getErrorCode() == ErrorCode.DATA_CONVERSION_ERROR_1
                    // an index entry whose row is gone, still so when H2 gave up waiting for it
                    // (it reports a lock timeout with this as the cause)
                    || sql.getErrorCode() == ErrorCode.ROW_NOT_FOUND_IN_PRIMARY_INDEX)
                    || t instanceof MVStoreException mv && (mv.getErrorCode() == DataUtils.ERROR_FILE_CORRUPT
                    || mv.getErrorCode() == DataUtils.ERROR_CHUNK_NOT_FOUND || mv.getErrorCode() == DataUtils.ERROR_BLOCK_NOT_FOUND);
            if (corrupted) {
                return Optional.of(StoreFailure.damaged(location, H2Store.reason(t), failure));
            }
            // H2 failing inside its own code on what it read ("Missing map with id 5", a LOB without
            // its stream): a general error around one of Java's own runtime exceptions, or around one
            // of H2's own assertions on a page (with -ea, as under the tests: a child page that is not one)
            if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.GENERAL_ERROR_1
                    && (sql.getCause() instanceof RuntimeException || sql.getCause() instanceof AssertionError)
                    && !(sql.getCause() instanceof StoreException)) {
                Throwable internal = sql.getCause();
                return Optional.of(StoreFailure.damaged(location, "H2 cannot read it: " + H2Store.reason(internal), failure));
            }
        }
        for (Throwable t : causes) {
            if (t instanceof SQLException sql && location instanceof StoreLocation.Postgres && lostConnection(sql)) {
                SQLException why = sql.getNextException() != null && lostConnection(sql.getNextException()) ? sql.getNextException() : sql;
                return Optional.of(StoreFailure.connectionLost(location, H2Store.reason(why), failure));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether PostgreSQL's driver reports the connection gone (SQLState class 08) or the server
     * shutting down or crashing (57P01 to 57P03), for the exception or its next one (a batch's).
     */
    private static boolean lostConnection(SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException() == e ? null : e.getNextException()) {
            String state = e.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                return true;
            }
            if (closedByPool(e)) {
                return true;
            }
            if (e != sql) {
                break; // the batch exception and its first next exception
            }
        }
        return false;
    }

    /**
     * Whether HikariCP refused a statement on a connection it had already closed because the server
     * went away: its {@code ProxyConnection.ClosedConnection} throws a plain {@code SQLException}
     * ("Connection is closed") with no SQLState, so only where it was thrown tells it apart.
     */
    private static boolean closedByPool(SQLException e) {
        StackTraceElement[] frames = e.getStackTrace();
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage()) && frames.length > 0
                && frames[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection");
    }

    /**
     * The file system's refusal to write, named for what it is (issue #17): no space left, a quota
     * exceeded, the file-size limit, a read-only file system. H2 carries the operating system's message
     * in an {@code IOException} among the causes, or in its own message ({@code "... failed; ... No space
     * left on device"}). Never damage: the bytes already written are as they were.
     *
     * @param failure  what the store's driver threw
     * @param location the store, as the line names it
     * @return the fault as one line naming the store, or empty
     */
    public static Optional<StoreException> machineFault(Throwable failure, StoreLocation location) {
        for (Throwable t : causes(failure)) {
            String cause = machineCause(t.getMessage());
            if (cause == null && t instanceof SQLException sql) {
                int hops = 0;
                for (SQLException next = sql.getNextException(); next != null && cause == null && hops++ < 10;
                     next = next.getNextException()) {
                    cause = machineCause(next.getMessage());
                }
            }
            if (cause != null) {
                H2Store.writeFailed(location);
                return Optional.of(StoreFailure.machineFault(location, cause, failure));
            }
        }
        return Optional.empty();
    }

    static String machineCause(String message) {
        if (message == null) {
            return null;
        }
        if (message.contains("No space left on device")) {
            return "no space left on the device (the disk is full)";
        }
        if (message.contains("Disk quota exceeded")) {
            return "the disk quota is exceeded";
        }
        if (message.contains("File too large")) {
            return "the file reached the file-size limit (ulimit -f, or the file system's largest file)";
        }
        if (message.contains("Read-only file system")) {
            return "the file system is read-only";
        }
        return null;
    }

    /** {@code failure} and its causes, outermost first. */
    static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = failure; t != null && !causes.contains(t); t = t.getCause()) {
            causes.add(t);
        }
        return causes;
    }
}
