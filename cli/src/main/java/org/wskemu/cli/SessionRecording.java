package org.wskemu.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.session.SessionStream;

/**
 * A session file run in memory under a profile, for the debugger: nothing is written anywhere, and
 * the run answers as a store that ran the file would.
 */
final class SessionRecording extends EngineRecording implements AutoCloseable {

    private final Path file;

    private SessionRecording(WskEmulator kernel, Path file) {
        super(kernel);
        this.file = file;
    }

    /**
     * Checks the whole file, then runs it in memory.
     *
     * @param faults where a malformed file's faults go, one line each, as {@code run} prints them
     * @return the run, or empty when the file is malformed or unreadable (its faults printed)
     */
    static java.util.Optional<SessionRecording> run(Path file, ProfileId profile, java.io.PrintWriter faults) {
        try (SessionStream session = SessionStream.check(file)) {
            if (!session.isValid()) {
                session.faults().forEach(faults::println);
                faults.flush();
                return java.util.Optional.empty();
            }
            // [emulator choice] handles numbered 1, 2, ... (not random as a store's): the same file shows
            // the same answers each time, so a transcript of a debugging session can be replayed
            java.util.concurrent.atomic.AtomicLong handles = new java.util.concurrent.atomic.AtomicLong();
            WskEmulator kernel = WskEmulator.builder().profile(profile).socketIds(handles::incrementAndGet).build();
            try (SessionStream.Calls calls = session.calls()) {
                kernel.sessions().run(SessionRunner.Run.of(file.toString(), calls).withSha256(session.sha256())
                        .withBatchSize(SessionRunner.DEFAULT_BATCH_SIZE));
            } catch (IOException e) {
                kernel.close();
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                kernel.close();
                throw e;
            }
            return java.util.Optional.of(new SessionRecording(kernel, file));
        }
    }

    /** {@return the session file} */
    Path file() {
        return file;
    }

    /** {@return the profile the session ran under} */
    ProfileId profile() {
        return kernel.profile();
    }

    @Override
    public String source() {
        return "session " + file + " run in memory under " + kernel.profile();
    }

    @Override
    public void close() {
        kernel.close();
    }
}
