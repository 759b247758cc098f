package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code history --runs}: one line per session run, so a user sees how far a run cut short got. */
class HistoryRunsTest {

    @TempDir
    Path temp;

    @Test
    void eachRunShowsItsPositionsAndTheCallsItRecorded() {
        String store = temp.resolve("store").toString();
        String quickstart = Cli.QUICKSTART.toString();
        Cli.ok("--store", store, "run", quickstart);
        // sockets of the first run are still bound: the second diverges (exit 1), and is recorded all the same
        assertEquals(1, Cli.run("--store", store, "run", quickstart).exit());
        long head = Cli.ok("--store", store, "history", "--json").json().size();

        List<String> lines = Cli.ok("--store", store, "history", "--runs").outLines();

        assertEquals(3, lines.size(), lines::toString);
        assertEquals(List.of("run", "first", "last", "calls", "divergences", "sha256", "head", "digest", "source"),
                List.of(lines.get(0).strip().split("\\s+")));
        String[] one = lines.get(1).strip().split("\\s+");
        String[] two = lines.get(2).strip().split("\\s+");
        String sha = TriageTest.sha256(Cli.QUICKSTART);
        assertEquals(List.of("1", "1", Long.toString(Long.parseLong(two[1]) - 1), "20", "0", sha, one[6], quickstart),
                List.of(one));
        assertEquals(List.of("2", two[1], Long.toString(head), "20", two[4], sha, two[6], quickstart), List.of(two));
        // each run's head digest: the log's, as verify prints it at the head, and the first run's differs
        assertTrue(one[6].matches("[0-9a-f]{64}") && !one[6].equals(two[6]), one[6] + " " + two[6]);
        List<String> verified = Cli.ok("--store", store, "verify").outLines();
        assertTrue(verified.get(verified.size() - 1).endsWith("head digest " + two[6]), verified::toString);
    }

    @Test
    void asJsonOneObjectPerRun() {
        String store = temp.resolve("store").toString();
        Cli.ok("--store", store, "run", Cli.QUICKSTART.toString());

        JsonNode run = Cli.ok("--store", store, "history", "--runs", "--json").single();

        assertEquals(List.of("run", "source", "first", "last", "calls", "divergences", "sha256", "headDigest"), Cli.keys(run));
        assertEquals(TriageTest.sha256(Cli.QUICKSTART), run.get("sha256").asText());
        assertEquals(1, run.get("run").asLong());
        assertEquals(1, run.get("first").asLong());
        assertEquals(20, run.get("calls").asLong());
        assertEquals(Cli.QUICKSTART.toString(), run.get("source").asText());
    }

    @Test
    void aStoreWithoutRunsSaysSo() {
        String store = Cli.emptyStore(temp.resolve("empty")).toString();

        assertEquals(List.of("no runs (store " + store + ")"), Cli.ok("--store", store, "history", "--runs").outLines());
        assertEquals("", Cli.ok("--store", store, "history", "--runs", "--json").out());
    }

    @Test
    void runsTakeNoRange() {
        Cli.Result result = Cli.run("--store", temp.resolve("store").toString(), "history", "--runs", "--from", "2");

        Cli.assertOneLineError(2, result);
        assertEquals("wskemu: --runs lists whole runs: it takes no position range or filter", result.errLines().get(0));
    }
}
