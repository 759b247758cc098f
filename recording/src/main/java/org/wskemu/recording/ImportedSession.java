package org.wskemu.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * A recording turned into a session file (SESSION-FORMAT.md): every call line is preceded by a
 * comment naming the record it comes from, and every default the import supplied is stated in a
 * comment. Immutable.
 */
public final class ImportedSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<SessionLine> lines;
    private final int calls;

    ImportedSession(List<SessionLine> lines) {
        this.lines = List.copyOf(lines);
        this.calls = (int) this.lines.stream().filter(SessionLine.Call.class::isInstance).count();
    }

    /** The session file's lines, in order, without line ends. */
    public List<String> lines() {
        return lines.stream().map(ImportedSession::render).toList();
    }

    /** How many JSON (declaration or call) lines the session has. */
    public int callLines() {
        return calls;
    }

    /** Writes the session file: UTF-8 text is the caller's choice of writer; every line ends with LF. */
    public void writeTo(Writer out) throws IOException {
        for (SessionLine line : lines) {
            out.write(render(line));
            out.write('\n');
        }
        out.flush();
    }

    private static String render(SessionLine line) {
        // Java 17: no pattern switch; the interface is sealed to these two records.
        if (line instanceof SessionLine.Comment comment) {
            return comment.text().isEmpty() ? "#" : "# " + comment.text();
        }
        return json((SessionLine.Call) line);
    }

    private static String json(SessionLine.Call call) {
        try {
            return JSON.writeValueAsString(call.fields());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
