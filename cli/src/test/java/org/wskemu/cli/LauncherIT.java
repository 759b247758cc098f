package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./wskemu} launcher keeps exit statuses 0-3 for wskemu itself: its own
 * failures are 4 (Maven, needed to build, is missing) and 5 (the build failed), each with one line.
 * The launcher is copied into an empty tree, so it has to build, with a PATH that holds only the
 * tools it uses and, for the second case, an {@code mvn} that fails.
 */
class LauncherIT {

    @TempDir
    Path temp;
    Path root;
    Path tools;

    @BeforeEach
    void copyTheLauncherIntoAnEmptyTree() throws IOException {
        root = Files.createDirectories(temp.resolve("checkout"));
        Files.copy(Path.of("..", "wskemu"), root.resolve("wskemu"));
        Files.createDirectories(root.resolve("cli"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        tools = Files.createDirectories(temp.resolve("tools"));
        for (String tool : List.of("bash", "dirname", "find", "mktemp", "cat", "rm", "touch")) {
            Path found = List.of(Path.of("/bin", tool), Path.of("/usr/bin", tool)).stream().filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new AssertionError(tool + " not found"));
            Files.createSymbolicLink(tools.resolve(tool), found);
        }
    }

    @Test
    void withoutMavenTheLauncherExitsWith4() throws IOException, InterruptedException {
        Result result = launch();
        assertEquals(4, result.exit, result::toString);
        assertEquals("wskemu: Maven (mvn) is needed to build the command line\n", result.err);
    }

    @Test
    void aFailedBuildExitsWith5() throws IOException, InterruptedException {
        Path mvn = tools.resolve("mvn");
        Files.writeString(mvn, "#!/bin/bash\necho 'BUILD FAILURE (a stand-in)'\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwx------"));
        Result result = launch();
        assertEquals(5, result.exit, result::toString);
        assertTrue(result.err.endsWith("BUILD FAILURE (a stand-in)\nwskemu: build failed\n"), result::toString);
    }

    private record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Result launch() throws IOException, InterruptedException {
        Path out = temp.resolve("out");
        Path err = temp.resolve("err");
        ProcessBuilder builder = new ProcessBuilder(tools.resolve("bash").toString(), root.resolve("wskemu").toString(),
                "--version").directory(temp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PATH", tools.toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
