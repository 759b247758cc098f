package org.wskemu.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SessionFile#read}: bytes, line ends, encodings and files that cannot or must not be read. */
class SessionFileReadTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theExampleFileReadsIntoNineCallsWithTheirLineNumbers() throws IOException {
        Path file = write("a.wsk.jsonl", utf8(String.join("\n", SessionExample.LINES) + "\n"));

        SessionFile session = SessionFile.read(file);

        assertEquals(List.of(), session.faults());
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10), session.calls().stream().map(SessionCall::line).toList());
        assertEquals(file, session.file());
        assertEquals(file.toString(), session.displayName());
    }

    @Test
    void crlfLineEndsAndALeadingByteOrderMarkAreAccepted() throws IOException {
        byte[] text = utf8("\uFEFF" + String.join("\r\n", SessionExample.LINES) + "\r\n");

        SessionFile session = SessionFile.read(write("crlf.wsk.jsonl", text));

        assertEquals(List.of(), session.faults());
        assertEquals(9, session.calls().size());
    }

    @Test
    void faultsNameTheFileAsTheUserWroteIt() throws IOException {
        write("bad.wsk.jsonl", utf8("{\"op\":\"close\",\"socket\":\"a\"}\n"));
        Path relative = Path.of(System.getProperty("user.dir")).relativize(dir.resolve("bad.wsk.jsonl"));

        SessionFile session = SessionFile.read(relative);

        assertEquals(List.of(relative + ":1: unknown socket label 'a'"), session.faults());
    }

    @Test
    void aLineThatIsNotUtf8IsAFaultNamingItAndTheOtherLinesAreStillChecked() throws IOException {
        byte[] good = utf8("{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}\n");
        byte[] bad = {'{', '"', 'o', 'p', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'};
        byte[] unknown = utf8("{\"op\":\"close\",\"socket\":\"é\"}");
        byte[] all = new byte[good.length + bad.length + unknown.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        System.arraycopy(unknown, 0, all, good.length + bad.length, unknown.length);
        Path file = write("latin.wsk.jsonl", all);

        SessionFile session = SessionFile.read(file);

        assertEquals(List.of(
                file + ":2: not valid UTF-8 (byte 0xC3 at byte 8 of the line)",
                file + ":3: unknown socket label 'é'"), session.faults());
    }

    @Test
    void aLineOfMoreBytesThanTheLimitCanHoldIsTooLongWithoutBeingDecoded() throws IOException {
        byte[] line = new byte[3 * SessionChecker.MAX_LINE_LENGTH + 1];
        java.util.Arrays.fill(line, (byte) 0xFF);
        Path file = write("long.wsk.jsonl", line);

        assertEquals(List.of(file + ":1: line is longer than 65536 characters"), SessionFile.read(file).faults());
    }

    @Test
    void aMissingFileCannotBeRead() {
        Path file = dir.resolve("absent.wsk.jsonl");

        assertEquals(List.of(file + ": cannot read: no such file"), SessionFile.read(file).faults());
    }

    @Test
    void aDirectoryCannotBeRead() {
        SessionFile session = SessionFile.read(dir);

        assertEquals(1, session.faults().size());
        assertTrue(session.faults().get(0).startsWith(dir + ": cannot read: "), session.faults().get(0));
    }

    @Test
    void aFileOverSixtyFourMebibytesIsRefusedAtOnce() throws IOException {
        Path file = dir.resolve("huge.wsk.jsonl");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(SessionFile.MAX_FILE_BYTES + 1L);
        }

        SessionFile session = SessionFile.read(file);

        assertEquals(List.of(file + ": refused: the file is larger than 64 MiB (67108864 bytes)"), session.faults());
        assertEquals(List.of(), session.calls());
    }

    /**
     * Within the size limit a hostile file can still hold 33 million faulty lines; every fault kept
     * and printed took over a gigabyte of heap and ended in OutOfMemoryError. The first
     * {@value SessionChecker#MAX_FAULTS} are reported, then one line says checking stopped.
     */
    @Test
    void aFileFullOfFaultsReportsTheFirstThousandThenStops() throws IOException {
        byte[] lines = new byte[SessionFile.MAX_FILE_BYTES];
        for (int i = 0; i < lines.length; i += 2) {
            lines[i] = 'x';
            lines[i + 1] = '\n';
        }
        Path file = write("faults.wsk.jsonl", lines);

        SessionFile session = SessionFile.read(file);

        assertEquals(SessionChecker.MAX_FAULTS + 1, session.faults().size());
        assertTrue(session.faults().get(0).startsWith(file + ":1: not a JSON object: "), session.faults().get(0));
        assertTrue(session.faults().get(999).startsWith(file + ":1000: not a JSON object: "), session.faults().get(999));
        assertEquals(file + ":1001: too many faults: checking stopped at this line (the first 1000 are shown)",
                session.faults().get(1000));
        assertEquals(List.of(), session.calls());
    }

    @Test
    void manyFaultsOnOneLineCountTowardsTheLimitToo() {
        String badLine = "{\"op\":\"socket\",\"socket\":1,\"category\":2,\"family\":3,\"process\":\"x\",\"sd\":4}";
        List<String> lines = java.util.Collections.nCopies(400, badLine);

        SessionFile session = SessionFile.parse("many.wsk.jsonl", lines);

        assertEquals(SessionChecker.MAX_FAULTS + 1, session.faults().size());
        String last = session.faults().get(SessionChecker.MAX_FAULTS);
        assertTrue(last.matches("many\\.wsk\\.jsonl:\\d+: too many faults: checking stopped at this line "
                + "\\(the first 1000 are shown\\)"), last);
    }

    @Test
    void anEmptyFileIsValidAndHasNoCalls() throws IOException {
        SessionFile session = SessionFile.read(write("empty.wsk.jsonl", new byte[0]));

        assertTrue(session.isValid());
        assertEquals(List.of(), session.calls());
    }
}
