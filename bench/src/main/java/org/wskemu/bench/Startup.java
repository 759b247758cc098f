package org.wskemu.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The wall time of a CLI command in a process of its own, as a user at a shell feels it: spawned with
 * the Java that runs the bench, from the CLI's jar with the JVM options {@code ./wskemu} gives a query
 * (the AppCDS archive next to the jar, when the launcher has recorded one, and C1 only), or, when the
 * bench runs from classes, as tests do, from the same class path.
 */
final class Startup {

    private final List<String> launcher;

    /**
     * @param codeSource where the CLI's classes are: its jar, or a classes directory
     * @param mainClass  the CLI's main class, run when the CLI runs from classes
     */
    Startup(Path codeSource, String mainClass) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        if (Files.isRegularFile(codeSource) && codeSource.toString().endsWith(".jar")) {
            // As ./wskemu runs a query: with the class-data archive it records after a build, and C1 only.
            Path archive = codeSource.resolveSibling("wskemu.jsa");
            if (Files.isRegularFile(archive)) {
                command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                        "-XX:TieredStopAtLevel=1"));
            }
            command.add("-jar");
            command.add(codeSource.toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass);
        }
        this.launcher = List.copyOf(command);
    }

    /** Where {@code type}'s class was loaded from. */
    static Path codeSourceOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where the CLI's classes are: " + e.getMessage(), e);
        }
    }

    /** The command that runs the CLI with {@code args}. */
    List<String> command(String... args) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs the CLI with {@code args} once and waits for it.
     *
     * @return the wall time in nanoseconds
     * @throws IllegalStateException if it does not exit with status 0
     */
    long time(String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(args))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        long start = System.nanoTime();
        Process process = builder.start();
        int status = process.waitFor();
        long nanos = System.nanoTime() - start;
        if (status != 0) {
            throw new IllegalStateException("'" + String.join(" ", args) + "' exited with status " + status);
        }
        return nanos;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
