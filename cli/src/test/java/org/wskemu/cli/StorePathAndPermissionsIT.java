package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17's paths and permissions: the directories wskemu creates are 0700 and its files 0600
 * whatever the umask, and a store path that H2 would read differently from the file system is
 * refused before anything is created.
 */
class StorePathAndPermissionsIT {

    @TempDir
    Path temp;

    @Test
    void underUmask000TheCreatedParentsTheStoreAndItsFilesAreOwnerOnly() throws IOException, InterruptedException {
        Path store = temp.resolve("new").resolve("parents").resolve("store");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = temp.resolve("log");
        Process child = new ProcessBuilder("sh", "-c", "umask 000 && exec \"$0\" -cp \"$1\" \"$2\" --store \"$3\" run \"$4\"",
                java, System.getProperty("java.class.path"), Wskemu.class.getName(), store.toString(),
                Cli.QUICKSTART.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue(), () -> read(log));

        for (Path directory : List.of(temp.resolve("new"), temp.resolve("new").resolve("parents"), store)) {
            assertEquals("rwx------", permissions(directory), directory::toString);
        }
        try (Stream<Path> files = Files.list(store)) {
            List<Path> all = files.toList();
            assertFalse(all.isEmpty());
            for (Path file : all) {
                assertEquals("rw-------", permissions(file), file::toString);
            }
        }
    }

    @Test
    void aBackslashInTheStorePathIsRefusedBeforeAnythingIsCreated() {
        Path store = temp.resolve("a\\b");

        Cli.Result result = Cli.run("--store", store.toString(), "run", Cli.QUICKSTART.toString());

        Cli.assertOneLineError(3, result);
        assertEquals("wskemu: store " + store.toString().replace("\\", "\\\\")
                + " has a '\\\\' in its path, which H2 would read as a directory separator", result.errLines().get(0));
        assertFalse(Files.exists(store), "no store directory");
        assertFalse(Files.exists(temp.resolve("a")), "nothing where H2 would have written it");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
