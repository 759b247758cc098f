package org.wskemu.recording;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of text read with a cap on their length, so that an endless line ({@code /dev/zero}) is seen
 * for what it is after at most the cap, never held whole. A line ends at LF, CR LF or CR.
 */
final class BoundedLines {

    private final Reader in;
    private final int max;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean cut;
    private boolean pendingCr;

    BoundedLines(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /**
     * The next line without its end, or null at the end of the text. A line longer than the cap is
     * returned cut at the cap, and {@link #cut()} is then true; nothing more is read.
     */
    String next() throws IOException {
        if (cut) {
            return null;
        }
        StringBuilder line = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line == null ? null : line.toString();
                }
            }
            if (pendingCr) {
                pendingCr = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            if (line == null) {
                line = new StringBuilder(128);
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            line.append(buffer, start, position - start);
            if (line.length() > max) {
                cut = true;
                line.setLength(max);
                return line.toString();
            }
            if (position < limit) {
                pendingCr = buffer[position] == '\r';
                position++;
                return line.toString();
            }
        }
    }

    /** Whether the last line was longer than the cap. */
    boolean cut() {
        return cut;
    }
}
