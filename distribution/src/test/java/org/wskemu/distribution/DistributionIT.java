package org.wskemu.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive {@code mvn package} builds, unpacked into a fresh directory as a user would: its
 * {@code bin/wskemu} runs from any working directory, through a symbolic link, after the whole tree
 * was moved, and says what it needs when there is no Java; completion and man pages are there.
 */
class DistributionIT {

    @TempDir
    static Path temp;
    static Path home;

    @BeforeAll
    static void unpack() throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("wskemu.distribution"));
        assertTrue(Files.isRegularFile(archive), archive::toString);
        Path unpacked = Files.createDirectories(temp.resolve("unpacked"));
        Result tar = run(unpacked, Map.of(), "tar", "xzf", archive.toString());
        assertEquals(0, tar.exit, tar::toString);
        home = unpacked.resolve("wskemu-" + System.getProperty("wskemu.version"));
    }

    @Test
    void versionNamesTheVersionAndTheCommit() throws IOException, InterruptedException {
        Result version = run(temp, Map.of(), home.resolve("bin/wskemu").toString(), "--version");
        assertEquals(0, version.exit, version::toString);
        assertTrue(version.out.matches("wskemu " + System.getProperty("wskemu.version").replace(".", "\\.")
                + " \\(commit ([0-9a-f]{7,}(-dirty)?|unknown)\\)\\R"), version::toString);
    }

    @Test
    void theQuickstartRunsFromAnotherDirectoryThroughALinkAndAfterAMove() throws IOException, InterruptedException {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        String quickstart = home.resolve("examples/quickstart.wsk.jsonl").toString();
        assertQuickstart(run(elsewhere, Map.of(), home.resolve("bin/wskemu").toString(), "--store", "mem", "run", quickstart));

        Path link = elsewhere.resolve("wskemu");
        Files.createSymbolicLink(link, home.resolve("bin/wskemu"));
        assertQuickstart(run(elsewhere, Map.of(), link.toString(), "--store", "mem", "run", quickstart));

        Path moved = temp.resolve("moved to a path with spaces");
        Files.move(home.getParent(), moved);
        try {
            Path movedHome = moved.resolve(home.getFileName());
            assertQuickstart(run(elsewhere, Map.of(), movedHome.resolve("bin/wskemu").toString(), "--store", "mem", "run",
                    movedHome.resolve("examples/quickstart.wsk.jsonl").toString()));
        } finally {
            Files.move(moved, home.getParent());
        }
    }

    @Test
    void withoutJavaTheLauncherSaysSoWithItsOwnExitStatus() throws IOException, InterruptedException {
        // a PATH with the few tools the script uses, and no java
        Path tools = Files.createDirectories(temp.resolve("tools"));
        for (String tool : List.of("sh", "ls", "sed", "dirname")) {
            Path found = List.of(Path.of("/bin", tool), Path.of("/usr/bin", tool)).stream().filter(Files::isExecutable)
                    .findFirst().orElseThrow();
            if (!Files.exists(tools.resolve(tool))) {
                Files.createSymbolicLink(tools.resolve(tool), found);
            }
        }
        Result result = run(temp, Map.of("PATH", tools.toString(), "JAVA_HOME", ""), home.resolve("bin/wskemu").toString(),
                "--version");
        assertEquals(4, result.exit, result::toString);
        assertEquals("wskemu: Java 17 or later is needed (set JAVA_HOME or put java on the PATH)\n", result.err);
    }

    @Test
    void completionAndManPagesCoverEveryCommand() throws IOException, InterruptedException {
        Path completion = home.resolve("share/bash-completion/completions/wskemu");
        Result bash = run(temp, Map.of(), "bash", "-c", ". '" + completion + "' && complete -p wskemu");
        assertEquals(0, bash.exit, bash::toString);
        String script = Files.readString(completion);
        for (String command : List.of("run", "state", "history", "explain", "audit", "rebuild", "verify", "matrix")) {
            Path page = home.resolve("share/man/man1/wskemu-" + command + ".1");
            assertTrue(Files.isRegularFile(page), page::toString);
            String roff = Files.readString(page);
            assertTrue(roff.contains(".TH \"WSKEMU\\-" + command.toUpperCase() + "\" \"1\""), page::toString);
            assertTrue(roff.contains("Exit Codes") || roff.contains("EXIT CODES"), page::toString);
            assertTrue(script.contains(command), () -> command + " in the completion script");
        }
        assertTrue(Files.readString(home.resolve("bin/wskemu.cmd")).contains("\r\n"), "the Windows launcher has CRLF line ends");
        try (var jars = Files.list(home.resolve("lib"))) {
            assertTrue(jars.anyMatch(j -> j.getFileName().toString().startsWith("cli-")), "the command line's jar is in lib/");
        }
    }

    private static void assertQuickstart(Result result) {
        assertEquals(0, result.exit, result::toString);
        assertEquals("", result.err, result::toString);
        List<String> lines = result.out.lines().toList();
        assertEquals("run 1: 20 calls, 11 expectations, 0 divergences", lines.get(lines.size() - 1), result::toString);
    }

    private record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Result run(Path directory, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(temp, "out", "");
        Path err = Files.createTempFile(temp, "err", "");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        if ("".equals(environment.get("JAVA_HOME"))) {
            builder.environment().remove("JAVA_HOME");
        }
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
