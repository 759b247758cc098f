package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code wskemu dap} tested as an editor drives it: {@code editors/dap-tests} holds mocha tests on
 * Microsoft's {@code @vscode/debugadapter-testsupport} client (with its lock file); this installs them
 * ({@code npm ci}) and runs them against the packaged command line. Where npm is missing the test is
 * skipped, except under {@code CI}, where it fails: {@code .ci/run} installs Debian's nodejs and npm.
 */
class DapAdapterIT {

    static final Path TESTS = Path.of("..", "editors", "dap-tests").toAbsolutePath().normalize();
    static final Path JAR = Path.of("target", "wskemu-cli.jar").toAbsolutePath();

    @Test
    void theAdapterPassesTheDebugAdapterClientsTests() throws IOException, InterruptedException {
        if (!found("npm", "--version")) {
            if (System.getenv("CI") != null) {
                fail("CI is set and npm is not installed: .ci/run installs Debian's nodejs and npm; the adapter's "
                        + "tests must run in CI");
            }
            assumeTrue(false, "npm is not installed (apt-get install nodejs npm): the debug adapter's tests are skipped "
                    + "here, and fail under CI=true");
        }
        Path log = Path.of("target", "dap-tests.log").toAbsolutePath();
        run(log, "npm", "ci", "--no-audit", "--no-fund");
        run(log, "npx", "mocha", "--timeout", "120000", "test");
    }

    private static void run(Path log, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(TESTS.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("WSKEMU_JAR", JAR.toString());
        // the adapter's script starts `java` from PATH: the JDK running the build comes first
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + System.getenv().getOrDefault("PATH", ""));
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 30 minutes; its output: " + log);
        }
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed in " + TESTS + ":\n"
                + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(see " + log + ")";
        }
    }

    private static boolean found(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
