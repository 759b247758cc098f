package org.wskemu.engine.session;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A session file checked without being held (issue #15: {@code run} streams). A first pass reads the
 * file line by line and checks it as {@link SessionFile} does, keeping only what checking needs (the
 * declared processes and threads, the socket labels) and the faults; {@link #calls()} then reads it
 * again, call by call, for a run. Nothing runs before the whole file is checked (a malformed file
 * writes nothing), and memory does not grow with the number of lines, only with the labels.
 *
 * <p>Faults, their order and their text are those {@link SessionFile#read} gives for the same bytes,
 * with one difference: there is no 64 MiB limit, since the file is never held [emulator choice]. A
 * session from a stream (standard input), or from a path that is not a regular file (a pipe such as
 * {@code <(...)}, a device), is first copied to a temporary file, readable by its owner only and
 * deleted by {@link #close}. A file changed between the two passes is noticed (a fault, or a
 * different digest or number of calls, once read to its end): {@link Calls} then throws
 * {@link ChangedException}.
 */
public final class SessionStream implements AutoCloseable {

    private final Path file;
    private final Path spool;
    private final String displayName;
    private final List<String> faults;
    private final String sha256;
    private final int size;

    private SessionStream(Path file, Path spool, String displayName, List<String> faults, String sha256, int size) {
        this.file = file;
        this.spool = spool;
        this.displayName = displayName;
        this.faults = List.copyOf(faults);
        this.sha256 = sha256;
        this.size = size;
    }

    /**
     * Checks {@code file} in one streaming pass, UTF-8; faults name it as {@code file.toString()}. A file
     * that cannot be read gives the one fault {@code FILE: cannot read: <reason>}.
     *
     * @param file the session file
     * @return the checked session; its faults say whether it can run
     * @throws NullPointerException if {@code file} is null
     */
    public static SessionStream check(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file)) {
            // a pipe (run <(...)) or a device cannot be read twice: copied first, as standard input is
            try (InputStream in = Files.newInputStream(file)) {
                return check(in, file.toString());
            } catch (IOException e) {
                return failed(file, file.toString(), file + ": cannot read: " + SessionFile.reason(e));
            }
        }
        return check(file, null, file.toString());
    }

    /**
     * Copies {@code in} to a temporary file while checking it, then checks it as {@link #check(Path)}
     * does; faults name it {@code displayName}. {@link #close} deletes the copy. The copy is bounded
     * ({@link #SPOOL_LIMIT}), and so is a line: a line longer than a session line may be stops the
     * reading at once with its fault, so an endless stream ({@code /dev/zero}) is refused in bounded
     * space and time, and a malformed stream leaves no copy behind.
     *
     * @param in          the stream, read to its end (or to its first over-long line) and not closed
     * @param displayName the name faults and the run give the session, e.g. {@code -}
     * @return the checked session; its faults say whether it can run
     * @throws NullPointerException if an argument is null
     */
    public static SessionStream check(InputStream in, String displayName) {
        return check(in, displayName, SPOOL_LIMIT);
    }

    /**
     * The most bytes a session read from a stream may hold: it is copied to a temporary file so that it
     * can be checked whole before it runs, and that copy must not fill the disk [emulator choice: 4 GiB;
     * a larger session is given as a file, which is read in place].
     */
    public static final long SPOOL_LIMIT = 4L << 30;

    static SessionStream check(InputStream in, String displayName, long spoolLimit) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(displayName, "displayName");
        Path spool;
        try {
            spool = Spools.create();
        } catch (IOException e) {
            return failed(null, displayName, displayName + ": cannot read: no temporary file for it: "
                    + SessionFile.reason(e));
        }
        int[] count = {0};
        SessionChecker checker = new SessionChecker(displayName, call -> count[0]++, false);
        MessageDigest digest = newDigest();
        try (OutputStream out = Files.newOutputStream(spool);
                Spools.BoundedCopy copy = new Spools.BoundedCopy(in, out, spoolLimit)) {
            LineSplitter lines = new LineSplitter(copy, digest, true);
            while (!checker.stopped() && lines.next()) {
                lines.check(checker);
                if (lines.tooLong()) {
                    break; // the rest of an over-long line may never end: nothing after it is read
                }
            }
        } catch (Spools.LimitException e) {
            Spools.delete(spool);
            return failed(null, displayName, displayName + ": more than " + Spools.size(spoolLimit)
                    + " read from a stream (the most a session read from a stream may hold): give the session as a file");
        } catch (IOException e) {
            Spools.delete(spool);
            return failed(null, displayName, displayName + ": cannot read: " + SessionFile.reason(e));
        }
        if (!checker.faults().isEmpty()) {
            Spools.delete(spool); // nothing will read it again
            return new SessionStream(null, null, displayName, checker.faults(), null, 0);
        }
        return new SessionStream(null, spool, displayName, List.of(), HexFormat.of().formatHex(digest.digest()),
                count[0]);
    }

    private static SessionStream check(Path path, Path spool, String displayName) {
        Path named = spool == null ? path : null;
        int[] count = {0};
        SessionChecker checker = new SessionChecker(displayName, call -> count[0]++, false);
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(path)) {
            LineSplitter lines = new LineSplitter(in, digest, false);
            while (!checker.stopped() && lines.next()) {
                lines.check(checker);
            }
        } catch (IOException e) {
            return failed(named, displayName, displayName + ": cannot read: " + SessionFile.reason(e));
        }
        return new SessionStream(named, spool, displayName, checker.faults(),
                HexFormat.of().formatHex(digest.digest()), checker.faults().isEmpty() ? count[0] : 0);
    }

    private static SessionStream failed(Path file, String displayName, String fault) {
        return new SessionStream(file, null, displayName, List.of(fault), null, 0);
    }

    /** {@return one {@code FILE:LINE: what is wrong} per fault, as {@link SessionFile#faults()}; empty when valid} */
    public List<String> faults() {
        return faults;
    }

    /** {@return whether the file has no fault, and so can run} */
    public boolean isValid() {
        return faults.isEmpty();
    }

    /** {@return the SHA-256 of the bytes read, lower-case hex; null when they could not be read} */
    public String sha256() {
        return sha256;
    }

    /** {@return how many calls the file holds; 0 when it has faults} */
    public int size() {
        return size;
    }

    /** {@return the file checked, or null when the session came from a stream} */
    public Path file() {
        return file;
    }

    /** {@return how faults and the run name the session} */
    public String displayName() {
        return displayName;
    }

    /**
     * Reads the file again, call by call, in file order. Labels are not checked again (the first pass
     * did); what the second pass finds different from the first is a {@link ChangedException}.
     *
     * @return the calls, to close once read
     * @throws IllegalStateException if the session has faults, or was closed
     */
    public Calls calls() {
        if (!isValid()) {
            throw new IllegalStateException("the session file has " + faults.size() + " fault(s), the first: "
                    + faults.get(0));
        }
        Path path = spool != null ? spool : file;
        if (path == null || spool != null && !Files.exists(spool)) {
            throw new IllegalStateException("the session was closed");
        }
        try {
            return new Calls(Files.newInputStream(path));
        } catch (IOException e) {
            throw new ChangedException(displayName + ": cannot read it again: " + SessionFile.reason(e));
        }
    }

    /** Deletes the copy of a session read from a stream; nothing for a file. */
    @Override
    public void close() {
        if (spool != null) {
            Spools.delete(spool);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The session's file no longer holds what its first pass checked. */
    public static final class ChangedException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        /**
         * An exception with a one-line message naming the session.
         *
         * @param message what differs
         */
        public ChangedException(String message) {
            super(message);
        }
    }

    /**
     * The second pass: the calls of a checked session, one at a time, holding one line. Reading may
     * throw {@link ChangedException} (the file changed) or {@link UncheckedIOException}.
     */
    public final class Calls implements Iterator<SessionCall>, Closeable {

        private final InputStream in;
        private final LineSplitter lines;
        private final MessageDigest digest = newDigest();
        private final List<SessionCall> ready = new ArrayList<>(1);
        private final SessionChecker checker;
        private int read;
        private boolean ended;

        private Calls(InputStream in) {
            this.in = in;
            this.lines = new LineSplitter(in, digest, false);
            this.checker = new SessionChecker(displayName, ready::add, true);
        }

        @Override
        public boolean hasNext() {
            try {
                while (ready.isEmpty() && !ended) {
                    if (!lines.next()) {
                        ended = true;
                        String digested = HexFormat.of().formatHex(digest.digest());
                        if (read != size || !digested.equals(sha256)) {
                            throw new ChangedException(displayName + ": the session file changed while it ran ("
                                    + read + " calls read again of the " + size + " checked)");
                        }
                        break;
                    }
                    lines.check(checker);
                    if (!checker.faults().isEmpty()) {
                        ended = true;
                        throw new ChangedException(displayName + ": the session file changed while it ran: "
                                + checker.faults().get(0));
                    }
                }
            } catch (IOException e) {
                ended = true;
                throw new UncheckedIOException(displayName + ": cannot read it again: " + SessionFile.reason(e), e);
            }
            return !ready.isEmpty();
        }

        @Override
        public SessionCall next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            read++;
            return ready.remove(0);
        }

        /** Closes the file; the calls not read are not read. */
        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
