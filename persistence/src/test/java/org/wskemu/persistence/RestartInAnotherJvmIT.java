package org.wskemu.persistence;

import org.wskemu.engine.SessionRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.engine.WskEmulator;

/**
 * A directory store outlives the JVM that wrote it: a child JVM ({@link StoreSummary}) opening it
 * counts the same events and decisions, and this JVM can open it again afterwards.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RestartInAnotherJvmIT {

    static final long SEED = RestartTest.SEED;

    @TempDir
    Path temp;

    @Test
    void anotherJvmOpeningTheStoreCountsTheSameEventsAndDecisions() throws Exception {
        Path directory = temp.resolve("store");
        AtomicLong handles = new AtomicLong();
        String expected;
        try (WskEmulator kernel = emulator(H2Storage.open(StoreLocation.directory(directory)), handles)) {
            kernel.sessions().run(SessionRunner.Run.of("first", generate(SEED + 2, 300)));
            expected = StoreSummary.line(kernel);
        }
        Path errors = temp.resolve("child.err");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Daxoniq.update-checker.disabled=true",
                StoreSummary.class.getName(), directory.toString())
                .redirectError(errors.toFile())
                .start();
        child.getOutputStream().close();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.lines().filter(l -> l.startsWith(StoreSummary.PREFIX)).findFirst().orElse(null);
        } finally {
            if (!child.waitFor(2, TimeUnit.MINUTES)) {
                child.destroyForcibly();
            }
        }
        assertEquals(0, child.exitValue(), () -> read(errors));
        assertEquals(expected, line, () -> read(errors));

        // and this JVM can open it again afterwards
        try (WskEmulator kernel = emulator(H2Storage.open(StoreLocation.directory(directory)), handles)) {
            assertEquals(expected, StoreSummary.line(kernel));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
