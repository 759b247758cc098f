package org.wskemu.engine.session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A session file ({@code .wsk.jsonl}, SESSION-FORMAT.md), read whole and checked line by line before
 * anything runs: either every line is good and {@link #calls()} holds the calls in file order, or
 * {@link #faults()} holds one {@code FILE:LINE: what is wrong} message per fault, every fault of the
 * file up to {@value SessionChecker#MAX_FAULTS}, in line order (lines 1-based, comments and blank
 * lines counted); past that many, one more fault says checking stopped at its line.
 *
 * <p>Hostile input is bounded: a file over {@value #MAX_FILE_BYTES} bytes (64 MiB) is refused
 * before it is read, a line over {@value SessionChecker#MAX_LINE_LENGTH} characters is a fault and
 * is never parsed. Lines end with LF or CRLF. A UTF-8 byte order mark at the very start is skipped
 * [emulator choice: editors on Windows write one]. A file with no call lines is valid and empty.
 * No exception escapes {@link #read} or {@link #parse} for any content.
 */
public final class SessionFile {

    /** Largest file {@link #read} accepts: 64 MiB. */
    static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path file;
    private final String displayName;
    private final List<SessionCall> calls;
    private final List<String> faults;
    private final String sha256;

    private SessionFile(Path file, String displayName, List<SessionCall> calls, List<String> faults) {
        this(file, displayName, calls, faults, null);
    }

    private SessionFile(Path file, String displayName, List<SessionCall> calls, List<String> faults, String sha256) {
        this.sha256 = sha256;
        this.file = file;
        this.displayName = displayName;
        this.faults = List.copyOf(faults);
        this.calls = this.faults.isEmpty() ? List.copyOf(calls) : List.of();
    }

    /**
     * Reads and checks {@code file}, UTF-8. Faults name the file as {@code file.toString()}, that
     * is as the user wrote it. A file that cannot be read gives the one fault
     * {@code FILE: cannot read: <reason>}; one over 64 MiB gives {@code FILE: ...larger than 64 MiB}.
     *
     * @param file the session file
     * @return the checked session; its faults say whether it can run
     * @throws NullPointerException if {@code file} is null
     */
    public static SessionFile read(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return refused(file, name);
            }
            // Bounded even when the size lied (a device, a pipe, a file still growing).
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
        } catch (IOException e) {
            return new SessionFile(file, name, List.of(), List.of(name + ": cannot read: " + reason(e)));
        }
        if (bytes.length > MAX_FILE_BYTES) {
            return refused(file, name);
        }
        return fromBytes(file, name, bytes);
    }

    /**
     * Reads and checks a session from a stream ({@code run -}: standard input), whole and bounded as
     * {@link #read} reads a file, before anything runs; faults name it {@code displayName}.
     *
     * @param in          the stream, read to its end (or past 64 MiB) and not closed
     * @param displayName the name faults and the run give the session, e.g. {@code -}
     * @return the checked session; its faults say whether it can run
     */
    public static SessionFile read(InputStream in, String displayName) {
        Objects.requireNonNull(in, "in");
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            return new SessionFile(null, displayName, List.of(), List.of(displayName + ": cannot read: " + reason(e)));
        }
        if (bytes.length > MAX_FILE_BYTES) {
            return refused(null, displayName);
        }
        return fromBytes(null, displayName, bytes);
    }

    /** Checks a file's bytes as {@link #read} does once it has them. */
    static SessionFile fromBytes(Path file, String displayName, byte[] bytes) {
        SessionChecker checker = new SessionChecker(displayName);
        LineSplitter lines = new LineSplitter(new ByteArrayInputStream(bytes), null, false);
        try {
            while (!checker.stopped() && lines.next()) {
                lines.check(checker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an array never fails to read", e);
        }
        return new SessionFile(file, displayName, checker.calls(), checker.faults(), sha256(bytes));
    }

    /** {@return the SHA-256 of the bytes read, lower-case hex; null when the lines were given to {@link #parse}} */
    public String sha256() {
        return sha256;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Checks lines already read, for tests and for callers that hold the text; {@code displayName}
     * stands for FILE in the faults. {@link #file()} is then null.
     *
     * @param displayName the name that stands for FILE in the faults
     * @param lines       the lines, without line ends; a leading byte-order mark on the first is ignored
     * @return the checked session; its faults say whether it can run
     * @throws NullPointerException if an argument or a line is null
     */
    public static SessionFile parse(String displayName, List<String> lines) {
        Objects.requireNonNull(displayName, "displayName");
        SessionChecker checker = new SessionChecker(displayName);
        int number = 0;
        for (String line : List.copyOf(lines)) {
            number++;
            checker.check(number, number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line);
            if (checker.stopped()) {
                break;
            }
        }
        return new SessionFile(null, displayName, checker.calls(), checker.faults());
    }

    /** {@return the calls in file order; empty when there is any fault; immutable} */
    public List<SessionCall> calls() {
        return calls;
    }

    /** {@return one {@code FILE:LINE: what is wrong} per fault, in line order; empty when the file is valid; immutable} */
    public List<String> faults() {
        return faults;
    }

    /** {@return whether the file has no fault, and so can run} */
    public boolean isValid() {
        return faults.isEmpty();
    }

    /** {@return the file read, or null when the session came from a stream or from {@link #parse}} */
    public Path file() {
        return file;
    }

    /** {@return how faults and the run name the session} */
    public String displayName() {
        return displayName;
    }

    private static SessionFile refused(Path file, String name) {
        return new SessionFile(file, name, List.of(),
                List.of(name + ": refused: the file is larger than 64 MiB (" + MAX_FILE_BYTES + " bytes)"));
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return FaultText.oneLine(message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
    }
}
