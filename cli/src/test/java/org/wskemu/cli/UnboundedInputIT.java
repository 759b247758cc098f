package org.wskemu.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that never ends: {@code run /dev/zero} is refused in one line, exit 2, writing nothing; a
 * session on standard input that is still being copied when SIGTERM or SIGINT comes leaves no temporary
 * copy behind.
 */
@EnabledOnOs(OS.LINUX)
class UnboundedInputIT {

    @TempDir
    Path temp;

    @Test
    void devZeroIsRefusedInOneLineAndWritesNothing() {
        Path store = temp.resolve("store");
        Cli.Result result = Cli.run("--store", store.toString(), "run", "/dev/zero");
        Cli.assertOneLineError(2, result);
        assertEquals("/dev/zero:1: line is longer than 65536 characters", result.errLines().get(0),
                result::toString);
        assertFalse(Files.exists(store), "nothing is written for a refused session");
    }

    @Test
    void sigtermWhileStandardInputIsCopiedLeavesNoCopy() throws Exception {
        signalWhileCopying("TERM");
    }

    @Test
    void sigintWhileStandardInputIsCopiedLeavesNoCopy() throws Exception {
        signalWhileCopying("INT");
    }

    private void signalWhileCopying(String signal) throws Exception {
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + tmp,
                "-Daxoniq.update-checker.disabled=true", "-XX:TieredStopAtLevel=1", Wskemu.class.getName(),
                "--store", temp.resolve("store").toString(), "run", "-")
                .redirectError(temp.resolve("err-" + signal).toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream stdin = child.getOutputStream()) {
            stdin.write("{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            await("the temporary copy of standard input").atMost(Duration.ofMinutes(2))
                    .until(() -> copies(tmp).size() == 1);
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the run did not end after SIG" + signal);
        } catch (IOException closedByTheChild) {
            // the child may have ended before its input was closed: what matters is what it left
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of(), copies(tmp), "SIG" + signal + " left the copy of standard input behind: "
                + Files.readString(temp.resolve("err-" + signal)));
    }

    private static List<Path> copies(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("wskemu-session-")).toList();
        }
    }
}
