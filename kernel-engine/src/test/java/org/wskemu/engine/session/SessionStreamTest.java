package org.wskemu.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SessionStream} checks a file as {@link SessionFile} does (the same faults, digest and calls),
 * holding one line at a time, and its second pass notices a file changed since the first.
 */
class SessionStreamTest {

    @TempDir
    Path dir;

    private List<SessionCall> streamed(SessionStream session) throws IOException {
        List<SessionCall> calls = new ArrayList<>();
        try (SessionStream.Calls reader = session.calls()) {
            reader.forEachRemaining(calls::add);
        }
        return calls;
    }

    private void sameAsSessionFile(byte[] bytes) throws IOException {
        Path file = dir.resolve("a.wsk.jsonl");
        Files.write(file, bytes);
        SessionFile whole = SessionFile.read(file);
        try (SessionStream session = SessionStream.check(file)) {
            assertEquals(whole.faults(), session.faults());
            assertEquals(whole.sha256(), session.sha256());
            assertEquals(whole.calls().size(), session.size());
            if (session.isValid()) {
                assertEquals(whole.calls(), streamed(session));
            }
        }
    }

    @Test
    void theExampleGivesTheSameCallsAndDigest() throws IOException {
        byte[] bytes = (String.join("\n", SessionExample.LINES) + "\n").getBytes(StandardCharsets.UTF_8);
        sameAsSessionFile(bytes);
        sameAsSessionFile((String.join("\r\n", SessionExample.LINES)).getBytes(StandardCharsets.UTF_8));
        byte[] bom = new byte[bytes.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(bytes, 0, bom, 3, bytes.length);
        sameAsSessionFile(bom);
    }

    @Test
    void edgeCasesGiveTheSameFaults() throws IOException {
        for (String text : List.of("", "\n", "\n\n", "\r", "\uFEFF", "\uFEFF\n", "{\"op\":\"x\"}", "{\"op\":\"x\"}\r",
                "# c\n{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}\r\n{\"op\":\"bind\"}\n",
                "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}\n" + "x".repeat(3 * SessionChecker.MAX_LINE_LENGTH + 5)
                        + "\r\n{\"op\":1}",
                "a".repeat(3 * SessionChecker.MAX_LINE_LENGTH) + "\r\n" + "b".repeat(SessionChecker.MAX_LINE_LENGTH + 1))) {
            sameAsSessionFile(text.getBytes(StandardCharsets.UTF_8));
        }
        sameAsSessionFile(new byte[] {'{', (byte) 0xC3, '}', '\n', (byte) 0xFF});
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < SessionChecker.MAX_FAULTS + 20; i++) {
            many.append("{}\n");
        }
        sameAsSessionFile(many.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mutatedBytesGiveTheSameFaultsAndCalls() throws IOException {
        Random random = new Random(15L);
        byte[] example = (String.join("\n", SessionExample.LINES) + "\n").getBytes(StandardCharsets.UTF_8);
        int valid = 0;
        for (int round = 0; round < 200; round++) {
            byte[] bytes = example.clone();
            for (int m = random.nextInt(3); m > 0; m--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            Path file = dir.resolve("a.wsk.jsonl");
            Files.write(file, bytes);
            valid += SessionFile.read(file).isValid() ? 1 : 0;
            sameAsSessionFile(bytes);
        }
        assertTrue(valid > 20, "valid files: " + valid);
    }

    @Test
    void aStreamIsCopiedAndTheCopyDeletedOnClose() throws IOException {
        byte[] bytes = (String.join("\n", SessionExample.LINES) + "\n").getBytes(StandardCharsets.UTF_8);
        SessionFile whole = SessionFile.read(new ByteArrayInputStream(bytes), "-");
        SessionStream session = SessionStream.check(new ByteArrayInputStream(bytes), "-");
        assertEquals(List.of(), session.faults());
        assertEquals(whole.sha256(), session.sha256());
        assertEquals(whole.calls(), streamed(session));
        assertEquals(null, session.file());
        session.close();
        assertThrows(IllegalStateException.class, session::calls);

        SessionStream bad = SessionStream.check(new ByteArrayInputStream("{}\n".getBytes(StandardCharsets.UTF_8)), "-");
        assertEquals(List.of("-:1: missing field 'op'"), bad.faults());
        assertThrows(IllegalStateException.class, bad::calls);
    }

    @Test
    void aFileChangedBetweenThePassesIsNoticed() throws IOException {
        Path file = dir.resolve("b.wsk.jsonl");
        Files.write(file, SessionExample.LINES, StandardCharsets.UTF_8);
        try (SessionStream session = SessionStream.check(file)) {
            assertTrue(session.isValid());
            List<String> edited = new ArrayList<>(SessionExample.LINES);
            edited.set(edited.size() - 1, "{\"op\":\"nonsense\"}");
            Files.write(file, edited, StandardCharsets.UTF_8);
            assertThrows(SessionStream.ChangedException.class, () -> streamed(session));

            edited.remove(edited.size() - 1);
            Files.write(file, edited, StandardCharsets.UTF_8);
            SessionStream.ChangedException shorter = assertThrows(SessionStream.ChangedException.class,
                    () -> streamed(session));
            assertTrue(shorter.getMessage().contains("changed while it ran"), shorter.getMessage());
        }
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aNamedPipeIsReadOnceAndCopied() throws Exception {
        Path fifo = dir.resolve("pipe.wsk.jsonl");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        byte[] bytes = (String.join("\n", SessionExample.LINES) + "\n").getBytes(StandardCharsets.UTF_8);
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        try (SessionStream session = SessionStream.check(fifo)) {
            assertEquals(List.of(), session.faults());
            assertEquals(SessionFile.read(new ByteArrayInputStream(bytes), "x").calls(), streamed(session));
        }
        writer.join();
    }

    @Test
    void aMissingFileIsOneFault() {
        Path missing = dir.resolve("missing.wsk.jsonl");
        SessionStream session = SessionStream.check(missing);
        assertFalse(session.isValid());
        assertEquals(SessionFile.read(missing).faults(), session.faults());
    }
}
