package org.wskemu.recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads one recording format into a session file: {@code Importer.of(Format.WINE).importTo(path,
 * options, writer)} streams it (bounded memory), {@code read(path, options)} holds it. A recording is
 * checked whole in a first pass before a line is written; a caller still keeps the output only after a
 * complete, successful import.
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
     * Reads the recording in {@code source} (more than once: a first pass checks it whole and learns
     * what a line needs from later lines) and writes the session file to {@code out} as it goes, holding
     * neither. A failure may leave part of a session in {@code out}: the caller writes to a temporary
     * file and keeps it only after a success. {@code displayName} stands for FILE in errors and comments.
     *
     * @return what the import did, for its summary line
     * @throws ImportException with one line {@code FILE:LINE: what is wrong} when the recording is
     *                         malformed, too large, or cannot be read
     */
    ImportSummary importTo(String displayName, RecordingSource source, ImportOptions options, Writer out)
            throws ImportException;

    /**
     * Reads a recording from {@code in} (not closed; read whole, at most {@link #MAX_BYTES}) into a
     * session held in memory; {@code displayName} stands for FILE in errors and in the session's comments.
     *
     * @throws ImportException with one line {@code FILE:LINE: what is wrong} when the recording is
     *                         malformed, too large, or cannot be read
     */
    default ImportedSession read(String displayName, InputStream in, ImportOptions options) throws ImportException {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            throw ImportException.of(displayName, "cannot read: " + Text.safe(String.valueOf(e.getMessage())));
        }
        if (bytes.length > MAX_BYTES) {
            throw ImportException.of(displayName, "refused: the recording is larger than 64 MiB");
        }
        StringWriter text = new StringWriter();
        ImportSummary summary = importTo(displayName, RecordingSource.of(bytes), options, text);
        return new ImportedSession(text.toString(), summary);
    }

    /**
     * Reads the recording in {@code file} into a session held in memory; errors name it as
     * {@code file.toString()}.
     *
     * @throws ImportException as {@link #read(String, InputStream, ImportOptions)}, or
     *                         {@code FILE: cannot read: <reason>}
     */
    default ImportedSession read(Path file, ImportOptions options) throws ImportException {
        StringWriter text = new StringWriter();
        ImportSummary summary = importTo(file, options, text);
        return new ImportedSession(text.toString(), summary);
    }

    /**
     * Imports the recording in {@code file} to {@code out} ({@link #importTo(String, RecordingSource,
     * ImportOptions, Writer)}); errors name it as {@code file.toString()}.
     *
     * @throws ImportException as that method, or {@code FILE: cannot read: <reason>}
     */
    default ImportSummary importTo(Path file, ImportOptions options, Writer out) throws ImportException {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw ImportException.of(name, "cannot read: is a directory");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw ImportException.of(name, "refused: the file is larger than 64 MiB");
            }
            if (!Files.isReadable(file)) {
                throw Files.exists(file) ? ImportException.of(name, "cannot read: permission denied")
                        : ImportException.of(name, "cannot read: no such file");
            }
        } catch (NoSuchFileException e) {
            throw ImportException.of(name, "cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw ImportException.of(name, "cannot read: permission denied");
        } catch (IOException e) {
            throw ImportException.of(name, "cannot read: " + Text.safe(String.valueOf(e.getMessage())));
        }
        return importTo(name, RecordingSource.of(file), options, out);
    }
}
