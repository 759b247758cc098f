package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wskemu debug} as a person uses it, in a real terminal: tmux runs it in a detached session,
 * keys are sent to it ({@code send-keys}) and the screen is read back ({@code capture-pane}). On a
 * terminal the debugger prompts, completes a command with Tab and recalls the last line with the up
 * arrow. Where tmux is missing the test is skipped, except under {@code CI}, where it fails:
 * {@code .ci/run} installs Debian's tmux.
 */
class DebugTerminalIT {

    @TempDir
    Path temp;
    String session;

    @BeforeEach
    void needsTmux() throws IOException, InterruptedException {
        boolean found = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        if (!found) {
            if (System.getenv("CI") != null) {
                fail("CI is set and tmux is not installed: .ci/run installs Debian's tmux; the terminal test must run in CI");
            }
            assumeTrue(false, "tmux is not installed (apt-get install tmux): the debugger's terminal test is skipped "
                    + "here, and fails under CI=true");
        }
        session = "wskemu-debug-" + ProcessHandle.current().pid();
    }

    @AfterEach
    void killTheSession() throws IOException, InterruptedException {
        if (session != null) {
            tmux("kill-session", "-t", session);
        }
    }

    @Test
    void promptsCompletesAndRecallsInATerminal() throws IOException, InterruptedException {
        // the packaged command line (failsafe runs after the jar and its lib/ are built), as a user starts it
        Path script = temp.resolve("debug.sh");
        Files.writeString(script, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -jar '" + Path.of("target", "wskemu-cli.jar").toAbsolutePath() + "' debug '"
                + Cli.QUICKSTART.toAbsolutePath() + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        assertEquals(0, tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", script.toString()));
        awaitScreen("(wskemu)"); // capture-pane drops the trailing blank

        keys("goto line 18", "Enter");
        awaitScreen("position 11, line 18 (call 9 of 20)");
        keys("expl", "Tab", "Enter"); // Tab completes the command
        awaitScreen("refused by: socket a443 (run 1), bound at position 8 (line 12): STATUS_ACCESS_DENIED");
        keys("p-", "Enter");
        awaitScreen("position 10, line 17 (call 8 of 20)");
        keys("Up", "Enter"); // the up arrow recalls p-
        awaitScreen("position 9, line 13 (call 7 of 20)");
        keys("quit", "Enter");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> tmux("has-session", "-t", session) != 0);
    }

    private void awaitScreen(String text) {
        Awaitility.await("the terminal to show '" + text + "'").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    String screen = capture();
                    assertTrue(screen.contains(text), "the screen:\n" + screen);
                });
    }

    private void keys(String... keys) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("send-keys", "-t", session));
        command.addAll(List.of(keys));
        assertEquals(0, tmux(command.toArray(String[]::new)));
    }

    private String capture() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", session, "-S", "-200")
                .redirectErrorStream(true).start();
        String screen = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return screen;
    }

    private static int tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
