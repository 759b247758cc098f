package org.wskemu.engine.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The one reader of session lines, under {@link SessionFile} (bytes held whole) and
 * {@link SessionStream} (a file or a stream read line by line), holding no more than one line: it
 * splits at LF, a CR before it dropped, a UTF-8 byte order mark at the very start skipped, a last line
 * without LF kept; and it {@linkplain #check checks} each line: too long, not strict UTF-8, or its
 * text handed to a {@link SessionChecker}. A line longer than is decoded is not kept: only its being
 * too long is. Every byte read goes through {@code digest} (when there is one). A splitter that
 * {@code stopsAtTooLong} leaves the rest of an over-long line unread, for a stream that may never end.
 */
final class LineSplitter {

    /** The longest line kept, plus one byte for a CR before its LF. */
    private static final int KEPT = 3 * SessionChecker.MAX_LINE_LENGTH + 1;

    private final InputStream in;
    private final MessageDigest digest;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final boolean stopsAtTooLong;
    private final byte[] chunk = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean ended;
    private boolean started;

    private byte[] line = new byte[256];
    private int length;
    private boolean tooLong;
    private int number;

    LineSplitter(InputStream in, MessageDigest digest, boolean stopsAtTooLong) {
        this.in = in;
        this.digest = digest;
        this.stopsAtTooLong = stopsAtTooLong;
    }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            skipBom();
        }
        length = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return false;
                }
                break; // a last line without LF
            }
            any = true;
            int newline = -1;
            for (int i = position; i < limit; i++) {
                if (chunk[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            append(position, end - position);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0 || tooLong && stopsAtTooLong) {
                break;
            }
        }
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > KEPT - 1) {
            tooLong = true;
        }
        number++;
        return true;
    }

    /** {@return whether the current line is longer than {@link #check} decodes} */
    boolean tooLong() {
        return tooLong;
    }

    /** {@return the current line's number, from 1} */
    int number() {
        return number;
    }

    /**
     * Checks the current line: one longer than a line may be (in UTF-8 at most 3 bytes a UTF-16 char,
     * so longer whatever it holds, and not decoded) or not strict UTF-8 is a fault; any other line's
     * text goes to the checker.
     */
    void check(SessionChecker checker) {
        if (tooLong) {
            checker.fault(number, "line is longer than " + SessionChecker.MAX_LINE_LENGTH + " characters");
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        CharBuffer out = CharBuffer.allocate(length); // UTF-8 never decodes to more chars than bytes
        decoder.reset();
        CoderResult result = decoder.decode(bytes, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = bytes.position();
            checker.fault(number, offset < length
                    ? String.format("not valid UTF-8 (byte 0x%02X at byte %d of the line)", line[offset] & 0xFF, offset + 1)
                    : "not valid UTF-8");
            return;
        }
        out.flip();
        checker.check(number, out.toString());
    }

    private void append(int from, int count) {
        if (tooLong) {
            return;
        }
        if (length + count > KEPT) {
            tooLong = true;
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.min(KEPT, Math.max(line.length * 2, length + count)));
        }
        System.arraycopy(chunk, from, line, length, count);
        length += count;
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int read = in.read(chunk, 0, chunk.length);
        while (read == 0) {
            read = in.read(chunk, 0, chunk.length);
        }
        if (read < 0) {
            ended = true;
            return false;
        }
        if (digest != null) {
            digest.update(chunk, 0, read);
        }
        position = 0;
        limit = read;
        return true;
    }

    /** Skips a byte order mark at the start, reading until three bytes are there or the stream ends. */
    private void skipBom() throws IOException {
        byte[] bom = SessionFile.BOM;
        while (limit < bom.length && !ended) {
            int read = in.read(chunk, limit, chunk.length - limit);
            if (read < 0) {
                ended = true;
            } else {
                if (digest != null) {
                    digest.update(chunk, limit, read);
                }
                limit += read;
            }
        }
        if (limit >= bom.length && chunk[0] == bom[0] && chunk[1] == bom[1] && chunk[2] == bom[2]) {
            position = bom.length;
        }
    }
}
