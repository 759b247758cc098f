package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --head DIGEST} and {@code --head-from FILE}: a head digest an auditor published (each run's
 * end, from {@code history --runs}) is found at its position while the log up to it is as it was, and
 * not found once an event before it changed, even with every digest recomputed or the tail cut.
 */
class PublishedHeadTest {

    @TempDir
    Path temp;

    @Test
    void publishedHeadsAreFoundAtTheirRunsEndsAndAMissingOneFailsVerify() throws Exception {
        Path store = temp.resolve("store");
        Cli.ok("--store", store.toString(), "run", Cli.QUICKSTART.toString());
        Cli.run("--store", store.toString(), "run", Cli.TOUR.toString());
        List<JsonNode> runs = Cli.ok("--store", store.toString(), "history", "--runs", "--json").json();
        String first = runs.get(0).get("headDigest").asText();
        long firstEnd = runs.get(0).get("last").asLong();

        Cli.Result found = Cli.run("--store", store.toString(), "verify", "--head", first.toUpperCase());
        assertEquals(0, found.exit(), found::toString);
        assertTrue(found.outLines().contains("HEAD " + first + " is the log's head at position " + firstEnd
                + ": every event up to it is as published"), found::toString);

        Path published = temp.resolve("runs.csv");
        Files.writeString(published, Cli.ok("--store", store.toString(), "history", "--runs", "--csv").out());
        Cli.Result fromFile = Cli.run("--store", store.toString(), "verify", "--head-from", published.toString());
        assertEquals(0, fromFile.exit(), fromFile::toString);
        assertEquals(2, fromFile.outLines().stream().filter(l -> l.startsWith("HEAD ")).count(), fromFile::toString);

        String unknown = "ab".repeat(32);
        Cli.Result missing = Cli.run("--store", store.toString(), "verify", "--head", unknown);
        assertEquals(1, missing.exit(), missing::toString);
        assertTrue(missing.outLines().contains("HEAD " + unknown + " is not the head at any position of this log: an event "
                + "at or before the position it was published at was changed, removed or added"), missing::toString);

        try (Connection raw = DriverManager.getConnection("jdbc:h2:file:" + store.resolve("wskemu") + ";IFEXISTS=TRUE",
                "wskemu", ""); Statement cut = raw.createStatement()) {
            cut.executeUpdate("DELETE FROM DomainEventEntry WHERE globalIndex > " + (firstEnd - 1));
        }
        Cli.Result afterCut = Cli.run("--store", store.toString(), "verify", "--head", first);
        assertEquals(1, afterCut.exit(), afterCut::toString);
        assertTrue(afterCut.outLines().stream().anyMatch(l -> l.startsWith("HEAD " + first + " is not the head")), afterCut::toString);
    }

    @Test
    void aHeadThatIsNotADigestIsAUsageError() {
        Path store = temp.resolve("s");
        Cli.ok("--store", store.toString(), "run", Cli.QUICKSTART.toString());
        Cli.assertOneLineError(2, Cli.run("--store", store.toString(), "verify", "--head", "12ab"));
        Cli.assertOneLineError(2, Cli.run("--store", store.toString(), "verify", "--head-from", temp.resolve("none").toString()));
    }
}
