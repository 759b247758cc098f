package org.wskemu.recording;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * A recording turned into a session file (SESSION-FORMAT.md), held in memory: every call line is
 * preceded by a comment naming the record it comes from, and every default the import supplied is
 * stated in a comment. For small recordings and tests; {@link Importer#importTo} writes a large one
 * without holding it. Immutable.
 */
public final class ImportedSession {

    private final String text;
    private final ImportSummary summary;

    ImportedSession(String text, ImportSummary summary) {
        this.text = text;
        this.summary = summary;
    }

    /** The session file's lines, in order, without line ends. */
    public List<String> lines() {
        return text.lines().toList();
    }

    /** What the import did. */
    public ImportSummary summary() {
        return summary;
    }

    /** Writes the session file: UTF-8 text is the caller's choice of writer; every line ends with LF. */
    public void writeTo(Writer out) throws IOException {
        out.write(text);
        out.flush();
    }
}
