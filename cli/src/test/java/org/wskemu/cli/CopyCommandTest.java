package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.persistence.PostgresCluster;

/**
 * {@code wskemu copy}: H2 to PostgreSQL and back, every reading command answering the same on each
 * copy (positions and runs kept), the copy verified; a target that holds events is refused.
 */
@Tag("postgres")
@ExtendWith(PostgresCluster.class)
class CopyCommandTest {

    @TempDir
    Path temp;

    /** What the reading commands print as JSON: the same on every copy of one history. */
    static List<String> answers(String store) {
        return List.of(Cli.ok("--store", store, "history", "--json").out(),
                Cli.ok("--store", store, "history", "--runs", "--json").out(),
                Cli.ok("--store", store, "state", "--json").out(),
                Cli.ok("--store", store, "state", "--at", "10", "--json").out(),
                Cli.ok("--store", store, "audit", "--json").out(),
                Cli.ok("--store", store, "explain", "11", "--json").out());
    }

    @Test
    void aHistoryGoesFromH2ToPostgresqlAndBackUnchanged() {
        String h2 = temp.resolve("h2").toString();
        Cli.ok("--store", h2, "run", Cli.QUICKSTART.toString());
        assertEquals(1, Cli.run("--store", h2, "run", Cli.QUICKSTART.toString()).exit(), "run 2 diverges: its sockets clash");
        List<String> original = answers(h2);

        String url = PostgresCluster.freshDatabase();
        String postgres = PostgresCluster.withCredentials(url);
        Cli.Result there = Cli.ok("copy", "--from", h2, "--to", postgres);
        assertTrue(there.out().startsWith("copied "), there::toString);
        assertTrue(there.out().contains(" to " + url + ";") && there.out().contains("every decision re-derives"), there::toString);
        assertFalse(there.out().contains(PostgresCluster.PASSWORD));
        assertEquals(original, answers(postgres), "the PostgreSQL copy answers as the H2 original");

        String back = temp.resolve("back").toString();
        Cli.ok("copy", "--from", postgres, "--to", back);
        assertEquals(original, answers(back), "the H2 copy of the copy answers as the original");

        // both copies go on from where the history ended: the next run is run 3 at the next position
        Cli.Result next = Cli.run("--store", postgres, "run", "--json", Cli.QUICKSTART.toString());
        Cli.Result nextOnH2 = Cli.run("--store", back, "run", "--json", Cli.QUICKSTART.toString());
        assertEquals(nextOnH2.out(), next.out(), "run 3 decides the same, at the same positions, on either copy");
        assertEquals(3, Cli.ok("--store", postgres, "history", "--runs", "--json").json().size());
    }

    @Test
    void aTargetThatHoldsEventsIsRefusedUntouched() {
        String h2 = temp.resolve("h2").toString();
        Cli.ok("--store", h2, "run", Cli.QUICKSTART.toString());
        String postgres = PostgresCluster.freshDatabaseWithCredentials();
        Cli.ok("--store", postgres, "run", Cli.QUICKSTART.toString());
        List<String> before = answers(postgres);
        Cli.Result refused = Cli.run("copy", "--from", h2, "--to", postgres);
        assertEquals(3, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("already holds events"), refused::toString);
        assertEquals(before, answers(postgres));
        assertEquals(2, Cli.run("copy", "--from", h2, "--to", h2).exit());
        assertEquals(3, Cli.run("copy", "--from", temp.resolve("none").toString(), "--to", temp.resolve("x").toString()).exit());
        assertFalse(Files.exists(temp.resolve("none")), "a missing source is not created");
    }
}
