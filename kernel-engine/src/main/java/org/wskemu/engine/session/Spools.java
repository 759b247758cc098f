package org.wskemu.engine.session;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary copies of sessions read from a stream: {@code wskemu-session-PID-*.wsk.jsonl} in the
 * temporary directory, readable by their owner only. A copy is deleted when its session is closed, when
 * the process exits (SIGTERM and SIGINT included: a shutdown hook), and, after a SIGKILL, by the next
 * wskemu process to create one, which deletes the copies of every process that no longer runs.
 */
final class Spools {

    private static final String PREFIX = "wskemu-session-";
    private static final String SUFFIX = ".wsk.jsonl";
    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*" + Pattern.quote(SUFFIX));
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Spools() {
    }

    /** Creates an empty copy, removed at exit unless deleted before; first sweeps copies left by dead processes. */
    static Path create() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        if (STARTED.compareAndSet(false, true)) {
            sweep(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Spools::deleteQuietly),
                    "wskemu-spool-cleanup"));
        }
        Path spool = Files.createTempFile(dir, PREFIX + ProcessHandle.current().pid() + "-", SUFFIX);
        LIVE.add(spool);
        return spool;
    }

    /** Deletes {@code spool}; one that cannot be deleted now is deleted at exit. */
    static void delete(Path spool) {
        if (deleteQuietly(spool)) {
            LIVE.remove(spool);
        }
    }

    private static boolean deleteQuietly(Path spool) {
        try {
            Files.deleteIfExists(spool);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the copies whose process no longer runs (left by a SIGKILL). */
    static void sweep(Path dir) {
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path copy : copies) {
                Matcher owned = OWNED.matcher(copy.getFileName().toString());
                if (owned.matches() && Files.isRegularFile(copy) && !running(owned.group(1))) {
                    deleteQuietly(copy);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a sweep is a courtesy: a directory that cannot be listed keeps its files
        }
    }

    private static boolean running(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not ours to judge
        }
    }

    /** {@code limit} bytes in words: {@code 4 GiB}, {@code 512 KiB}, {@code 100 bytes}. */
    static String size(long limit) {
        if (limit >= 1L << 30 && limit % (1L << 30) == 0) {
            return (limit >> 30) + " GiB";
        }
        if (limit >= 1L << 20 && limit % (1L << 20) == 0) {
            return (limit >> 20) + " MiB";
        }
        if (limit >= 1L << 10 && limit % (1L << 10) == 0) {
            return (limit >> 10) + " KiB";
        }
        return limit + " bytes";
    }

    /** More bytes came than a copy may hold. */
    static final class LimitException extends IOException {

        private static final long serialVersionUID = 1L;

        LimitException() {
            super("over the limit");
        }
    }

    /** A stream that copies what is read from it to {@code out}, up to {@code limit} bytes. */
    static final class BoundedCopy extends FilterInputStream {

        private final OutputStream out;
        private final long limit;
        private long copied;

        BoundedCopy(InputStream in, OutputStream out, long limit) {
            super(in);
            this.out = out;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int read = super.read(b, off, len);
            if (read > 0) {
                copied += read;
                if (copied > limit) {
                    throw new LimitException();
                }
                out.write(b, off, read);
            }
            return read;
        }

        @Override
        public void close() {
            // the stream given is not ours to close
        }
    }
}
