package org.wskemu.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads one recording format into a session file: {@code Importer.of(Format.WINE).read(path,
 * options).writeTo(writer)}. A recording is read whole and checked before anything is returned, so
 * a caller writes output only after a complete, successful read.
 */
public sealed interface Importer permits WineTraceImporter, TracerptXmlImporter {

    /** Largest recording read: 64 MiB, as for session files; a larger one is refused unread. */
    long MAX_BYTES = 64L * 1024 * 1024;

    /** The importer of {@code format}. */
    static Importer of(Format format) {
        return switch (Objects.requireNonNull(format, "format")) {
            case WINE -> new WineTraceImporter();
            case TRACERPT_XML -> new TracerptXmlImporter();
        };
    }

    /** The format this importer reads. */
    Format format();

    /**
     * Reads a recording from {@code in} (not closed); {@code displayName} stands for FILE in errors
     * and in the session's comments.
     *
     * @throws ImportException with one line {@code FILE:LINE: what is wrong} when the recording is
     *                         malformed, too large, or cannot be read
     */
    ImportedSession read(String displayName, InputStream in, ImportOptions options) throws ImportException;

    /**
     * Reads the recording in {@code file}; errors name it as {@code file.toString()}.
     *
     * @throws ImportException as {@link #read(String, InputStream, ImportOptions)}, or
     *                         {@code FILE: cannot read: <reason>}
     */
    default ImportedSession read(Path file, ImportOptions options) throws ImportException {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw ImportException.of(name, "cannot read: is a directory");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw ImportException.of(name, "refused: the file is larger than 64 MiB");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(name, in, options);
            }
        } catch (NoSuchFileException e) {
            throw ImportException.of(name, "cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw ImportException.of(name, "cannot read: permission denied");
        } catch (IOException e) {
            throw ImportException.of(name, "cannot read: " + Text.safe(String.valueOf(e.getMessage())));
        }
    }
}
