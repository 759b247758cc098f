package org.wskemu.cli;

import org.wskemu.engine.SessionRunner;

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

        assertEquals(List.of("run", "source", "first", "last", "calls", "divergences", "sha256", "headDigest", "ended"),
                Cli.keys(run));
        assertTrue(run.get("ended").asBoolean(), run::toString);
        // CSV's columns are the JSON keys, in every listing (#26)
        assertEquals("run,first,last,calls,divergences,sha256,source,headDigest,ended",
                Cli.ok("--store", store, "history", "--runs", "--csv").outLines().get(0));
        assertEquals(TriageTest.sha256(Cli.QUICKSTART), run.get("sha256").asText());
        assertEquals(1, run.get("run").asLong());
        assertEquals(1, run.get("first").asLong());
        assertEquals(20, run.get("calls").asLong());
        assertEquals(Cli.QUICKSTART.toString(), run.get("source").asText());
    }

    /**
     * Issue #26: a run cut short (here: its process failed after 5 calls; a kill does the same) has no end
     * in the log; history --runs, copy and export say it did not finish and how far it got.
     */
    @Test
    void aRunThatNeverEndedIsMarkedUnfinishedWithHowFarItGot() {
        Path store = temp.resolve("store");
        Cli.ok("--store", store.toString(), "run", Cli.QUICKSTART.toString());
        org.wskemu.engine.session.SessionFile session = org.wskemu.engine.session.SessionFile.read(Cli.QUICKSTART);
        int[] seen = {0};
        try (org.wskemu.engine.WskEmulator kernel = org.wskemu.engine.WskEmulator.builder()
                .storage(org.wskemu.persistence.H2Storage.open(org.wskemu.persistence.StoreLocation.directory(store))).build()) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> kernel.sessions().run(SessionRunner.Run.of("cut.wsk.jsonl", session.calls().iterator())
                    .withSha256(session.sha256()).withBatchSize(1).withProgress(report -> {
                        if (++seen[0] == 5) {
                            throw new IllegalStateException("the process dies here");
                        }
                    })));
        }

        List<String> table = Cli.ok("--store", store.toString(), "history", "--runs").outLines();
        assertTrue(table.get(table.size() - 1).matches("UNFINISHED run 2 did not finish \\(killed, or copied while it ran\\): "
                + "it recorded 5 calls of cut.wsk.jsonl, up to position \\d+"), table::toString);
        List<JsonNode> json = Cli.ok("--store", store.toString(), "history", "--runs", "--json").json();
        assertTrue(json.get(0).get("ended").asBoolean());
        assertEquals(false, json.get(1).get("ended").asBoolean());
        assertEquals(5, json.get(1).get("calls").asInt());

        Cli.Result copied = Cli.run("copy", "--from", store.toString(), "--to", temp.resolve("copy").toString());
        assertEquals(0, copied.exit(), copied::toString);
        assertTrue(copied.out().contains("UNFINISHED run 2 did not finish"), copied::toString);
        Cli.Result exported = Cli.run("--store", store.toString(), "export", "-o", temp.resolve("export.jsonl").toString());
        assertEquals(0, exported.exit(), exported::toString);
        assertTrue(exported.err().contains("UNFINISHED run 2 did not finish"), exported::toString);
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
