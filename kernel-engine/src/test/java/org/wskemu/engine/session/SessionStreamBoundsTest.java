package org.wskemu.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session read from a stream is read in bounded space: an endless line is refused after one line's
 * worth of bytes, a stream larger than the copy may hold is refused at the limit, and neither leaves
 * its temporary copy behind; copies left by a killed process are swept by the next one.
 */
class SessionStreamBoundsTest {

    /** An endless stream of one byte, counting what was read from it. */
    private static final class Endless extends InputStream {
        private final byte fill;
        long read;

        Endless(byte fill) {
            this.fill = fill;
        }

        @Override
        public int read() {
            read++;
            return fill & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, fill);
            read += len;
            return len;
        }
    }

    private static long copiesOfThisProcess() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString()
                    .startsWith("wskemu-session-" + ProcessHandle.current().pid() + "-")).count();
        }
    }

    @Test
    void endlessLineIsRefusedAfterOneLineWorthOfBytes() throws IOException {
        long before = copiesOfThisProcess();
        Endless zeros = new Endless((byte) 0);
        try (SessionStream session = SessionStream.check(zeros, "-")) {
            assertEquals(List.of("-:1: line is longer than " + SessionChecker.MAX_LINE_LENGTH + " characters"),
                    session.faults());
        }
        assertTrue(zeros.read < 1 << 20, "read " + zeros.read + " bytes of an endless line, not a bounded few");
        assertEquals(before, copiesOfThisProcess(), "the refused stream's copy is deleted");
    }

    @Test
    void streamLargerThanTheCopyMayHoldIsRefusedAtTheLimit() throws IOException {
        long before = copiesOfThisProcess();
        byte[] line = "{\"op\":\"host\",\"addresses\":[\"127.0.0.1\"]}\n".getBytes(StandardCharsets.UTF_8);
        InputStream endlessLines = new InputStream() {
            long next;

            @Override
            public int read() {
                return line[(int) (next++ % line.length)] & 0xFF;
            }
        };
        try (SessionStream session = SessionStream.check(endlessLines, "-", 64 * 1024)) {
            assertEquals(List.of("-: more than 64 KiB read from a stream (the most a session read from a stream"
                    + " may hold): give the session as a file"), session.faults());
            assertFalse(session.isValid());
        }
        assertEquals(before, copiesOfThisProcess(), "the refused stream's copy is deleted");
    }

    @Test
    void streamWithinTheLimitRunsFromItsCopy() throws IOException {
        byte[] bytes = (String.join("\n", SessionExample.LINES) + "\n").getBytes(StandardCharsets.UTF_8);
        try (SessionStream session = SessionStream.check(new ByteArrayInputStream(bytes), "-", bytes.length)) {
            assertEquals(List.of(), session.faults());
            assertEquals(SessionFile.read(new ByteArrayInputStream(bytes), "-").calls().size(), session.size());
        }
    }

    @Test
    void copiesOfProcessesThatNoLongerRunAreSwept(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("java", "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Path left = Files.createFile(dir.resolve("wskemu-session-" + gone.pid() + "-123.wsk.jsonl"));
        Path ours = Files.createFile(dir.resolve("wskemu-session-" + ProcessHandle.current().pid() + "-9.wsk.jsonl"));
        Path other = Files.createFile(dir.resolve("unrelated.wsk.jsonl"));
        Spools.sweep(dir);
        assertFalse(Files.exists(left), "the copy of a process that exited is swept");
        assertTrue(Files.exists(ours), "the copy of a running process stays");
        assertTrue(Files.exists(other), "other files stay");
    }

    @Test
    void limitsAreNamedInWords() {
        assertEquals("4 GiB", Spools.size(SessionStream.SPOOL_LIMIT));
        assertEquals("64 KiB", Spools.size(64 * 1024));
        assertEquals("100 bytes", Spools.size(100));
    }
}
