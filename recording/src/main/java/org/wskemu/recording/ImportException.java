package org.wskemu.recording;

/**
 * A recording that cannot be read: its message is one line, {@code FILE:LINE: what is wrong} (or
 * {@code FILE: what is wrong} when no line is to blame), free of control characters from the input.
 */
public final class ImportException extends Exception {

    private static final long serialVersionUID = 1L;

    ImportException(String message) {
        super(message);
    }

    static ImportException at(String file, long line, String what) {
        return new ImportException(Text.safe(file) + ":" + line + ": " + what);
    }

    static ImportException of(String file, String what) {
        return new ImportException(Text.safe(file) + ": " + what);
    }

    /** An {@link java.io.IOException} of reading {@code file} as the one line an import reports. */
    static ImportException unreadable(String file, java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return of(file, "cannot read: no such file");
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return of(file, "cannot read: permission denied");
        }
        return of(file, "cannot read: " + Text.safe(String.valueOf(e.getMessage())));
    }
}
