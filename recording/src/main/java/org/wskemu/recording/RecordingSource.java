package org.wskemu.recording;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A recording an importer may read more than once (a first pass learns what a line needs from later
 * lines, such as a listen that makes a socket a {@code listen} socket; the second writes), so that no
 * import holds the recording in memory.
 */
@FunctionalInterface
public interface RecordingSource {

    /** A new stream over the whole recording, from its start; the caller closes it. */
    InputStream open() throws IOException;

    /** The file at {@code path}, opened anew for each pass. */
    static RecordingSource of(Path path) {
        Objects.requireNonNull(path, "path");
        return () -> Files.newInputStream(path);
    }

    /** A recording already in memory (standard input, read whole within {@link Importer#MAX_BYTES}). */
    static RecordingSource of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return () -> new ByteArrayInputStream(bytes);
    }
}
