package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed batch survives SIGKILL (issue #15): the durability the store's settings rely on. A file
 * store opens with H2's write delay (its background writer would write a commit up to 500 ms later),
 * page compression and no retention of dead chunks; what makes a commit durable is the
 * {@code CHECKPOINT SYNC} the transaction manager runs before the commit returns. A child JVM commits
 * batches through that path (and rewrites rows of earlier ones, so chunks die and their space is
 * reused) and is killed with SIGKILL the moment it has printed that batch N committed, at several N,
 * including right after its last commit while it does nothing more: every batch up to N is in the
 * store, whole, and no batch is there in part.
 */
@Tag("kill")
@EnabledOnOs(OS.LINUX)
class CommittedBatchKillIT {

    private static final int BATCHES = 40;

    @TempDir
    Path temp;

    @Test
    void everyBatchWhoseCommitReturnedIsThereAfterAKill() throws Exception {
        int[] killAfter = {1, 7, 23, BATCHES};
        for (int i = 0; i < killAfter.length; i++) {
            Path store = temp.resolve("store-" + i);
            int printed = runAndKill(store, killAfter[i]);
            assertTrue(printed >= killAfter[i], "the child printed " + printed + " commits");
            try (H2Store reopened = H2Store.open(StoreLocation.directory(store))) {
                List<List<String>> batches = RawDatabase.rows(reopened.dataSource(),
                        "SELECT batch, COUNT(*) FROM Kept GROUP BY batch ORDER BY batch");
                assertTrue(batches.size() >= printed, "killed after commit " + printed + ": only "
                        + batches.size() + " batches are in the store");
                for (int b = 0; b < batches.size(); b++) {
                    assertEquals(List.of(Integer.toString(b + 1), Integer.toString(CommitThenHold.ROWS)), batches.get(b),
                            "killed after commit " + printed + ": a batch in part, or one missing");
                }
            }
        }
    }

    /** Runs the child until it printed {@code committed N} (or {@code held}), kills it, returns N. */
    private int runAndKill(Path store, int after) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                CommitThenHold.class.getName(), store.toString(), Integer.toString(BATCHES))
                .redirectError(temp.resolve("child-" + store.getFileName() + ".err").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int committed = 0;
            while (committed < after) {
                String line = out.readLine();
                assertNotNull(line, "the child ended early: see " + temp.resolve("child-" + store.getFileName() + ".err"));
                committed = Integer.parseInt(line.substring("committed ".length()));
            }
            child.destroyForcibly(); // SIGKILL, at once: long before H2's write delay would have written it
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
            return committed;
        } finally {
            child.destroyForcibly();
        }
    }
}
