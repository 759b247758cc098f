package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.cli.DiskFaultsIT.sh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk never damages a store, round after round: each round mounts a fresh 4 MiB tmpfs, runs a
 * long session into a new store on it until the disk fills ({@code run} exits 3 naming the full disk),
 * then asks {@code history --runs} and {@code verify} while the disk is still full, makes room, and
 * requires {@code verify} to pass (exit 0, nothing called damaged). Each command is its own JVM, as a
 * user's would be. Three rounds by default; {@code -Dwskemu.long=true} runs 50 (scripts/long-run.sh,
 * RELIABILITY.md). A damaged store is kept under the test's directory and named in the failure.
 *
 * <p>Mounting needs root; where it is refused the test says so and is skipped, as {@link DiskFaultsIT}.
 */
@EnabledOnOs(OS.LINUX)
class DiskFullRoundsIT {

    private static final int CALLS = 6_000;

    @TempDir
    Path temp;

    private final List<Path> mounted = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path disk : mounted) {
            sh("umount " + disk);
        }
    }

    @Test
    void aStoreThatFilledTheDiskVerifiesCleanOnceThereIsRoomAgain() throws Exception {
        int rounds = Boolean.getBoolean("wskemu.long") ? 50 : 3;
        Path session = LongSession.write(temp.resolve("long.wsk.jsonl"), CALLS, 20_261_208L);
        List<String> damaged = new ArrayList<>();
        int filled = 0;
        for (int round = 1; round <= rounds; round++) {
            Path disk = mount("round-" + round);
            Path store = disk.resolve("store");
            Child run = child(store, "run", session.toString(), "--batch", "50");
            if (run.exit() == 3) {
                filled++;
                assertTrue(run.err().contains("no space left on the device"), () -> "round names the full disk: " + run);
            } else {
                assertEquals(0, run.exit(), run::toString);
            }
            Child history = child(store, "history", "--runs");
            Child fullVerify = child(store, "verify");
            sh("mount -o remount,size=64m " + disk);
            Child verify = child(store, "verify");
            if (verify.exit() != 0 || verify.err().contains("damaged")) {
                Path kept = temp.resolve("damaged-" + round);
                sh("cp -r " + store + " " + kept);
                damaged.add("round " + round + ": " + verify.err().strip() + " | run: " + run.err().strip()
                        + " | history on the full disk: " + history.err().strip() + " | verify on the full disk: "
                        + fullVerify.err().strip() + " | kept at " + kept);
            }
            sh("umount " + disk);
            mounted.remove(disk);
        }
        System.out.println("DiskFullRoundsIT: " + rounds + " rounds, the disk filled in " + filled + ", damaged stores: "
                + damaged.size());
        assertTrue(filled > 0, "the session is long enough to fill a 4 MiB disk");
        assertEquals(List.of(), damaged, "no store is damaged by a full disk");
    }

    private record Child(int exit, String err) {
    }

    /** One command in its own JVM, as the launcher would run it (C1 only, as for a short command). */
    private Child child(Path store, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Wskemu.class.getName(),
                "--store", store.toString()));
        line.addAll(List.of(command));
        Path err = Files.createTempFile(temp, "child", ".err");
        Process process = new ProcessBuilder(line).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertTrue(process.waitFor(600, TimeUnit.SECONDS), () -> "still running after 10 minutes: " + line);
        return new Child(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path mount(String name) throws Exception {
        Path disk = Files.createDirectory(temp.resolve(name));
        int status = sh("mount -t tmpfs -o size=4m,mode=0700 tmpfs " + disk);
        Assumptions.assumeTrue(status == 0, "mounting a tmpfs is refused here (not root?): a full disk needs a small "
                + "file system of its own");
        mounted.add(disk);
        return disk;
    }
}
