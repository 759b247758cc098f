package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wskemu.persistence.PostgresCluster;

/**
 * {@code --store postgresql://HOST[:PORT]/DB} at the command line: run, the reading commands'
 * refusal of a database without a store, bad URLs, and credentials never echoed.
 */
@Tag("postgres")
@ExtendWith(PostgresCluster.class)
class PostgresStoreTest {

    static final List<List<String>> READING = List.of(List.of("state"), List.of("history"), List.of("history", "--runs"),
            List.of("explain", "1"), List.of("audit"), List.of("verify"), List.of("rebuild"));

    @Test
    void readingCommandsRefuseADatabaseWithoutAStoreAndCreateNothing() throws Exception {
        String url = PostgresCluster.freshDatabase();
        for (List<String> command : READING) {
            String[] args = concat(List.of("--store", PostgresCluster.withCredentials(url)), command);
            Cli.Result result = Cli.run(args);
            assertEquals(3, result.exit(), result::toString);
            assertEquals("", result.out());
            assertEquals(List.of("wskemu: store " + url + " does not exist (the database holds no wskemu tables);"
                    + " only 'wskemu run' creates a store"), result.errLines(), command::toString);
        }
        assertEquals(0, publicTables(url), "nothing created");
    }

    @Test
    void runCreatesTheStoreAndEveryCommandReadsItWithoutEchoingThePassword() throws Exception {
        String url = PostgresCluster.freshDatabase();
        String store = PostgresCluster.withCredentials(url);
        Cli.Result run = Cli.ok("--store", store, "run", "--json", Cli.QUICKSTART.toString());
        long head = run.json().get(run.json().size() - 2).get("position").asLong();
        assertTrue(head > 0, run::toString);
        assertTrue(publicTables(url) > 0);
        // a second run adds to the same machine's timeline
        Cli.Result again = Cli.run("--store", store, "run", Cli.QUICKSTART.toString());
        assertEquals(1, again.exit(), "the sockets of run 1 are still bound: divergences\n" + again);
        assertEquals(2, Cli.ok("--store", store, "history", "--runs", "--json").json().size());
        assertEquals(0, Cli.run("--store", store, "verify").exit());
        assertEquals(0, Cli.run("--store", store, "rebuild").exit());
        for (List<String> command : READING) {
            Cli.Result result = Cli.run(concat(List.of("--store", store), command));
            assertFalse(result.out().contains(PostgresCluster.PASSWORD) || result.err().contains(PostgresCluster.PASSWORD),
                    result::toString);
        }
    }

    @Test
    void aWrongPasswordIsOneLineExit3WithoutThePassword() {
        String url = PostgresCluster.freshDatabase();
        Cli.Result result = Cli.run("--store", url + "?user=wskemu&password=Wr0ng-S3cret", "state");
        assertEquals(3, result.exit(), result::toString);
        assertEquals(List.of(PasswordInUrl.WARNING), result.errLines().subList(0, 1), result::toString);
        assertEquals(2, result.errLines().size(), result::toString);
        assertTrue(result.errLines().get(1).startsWith("wskemu: store " + url + " could not be opened: "), result::toString);
        assertFalse(result.err().contains("Wr0ng-S3cret"), result::toString);
    }

    @Test
    void aBadUrlIsBadInputNamingWhatIsWrongWithoutThePassword() {
        for (String bad : List.of("postgresql://", "postgresql://host", "postgresql://host/db/extra",
                "postgresql://host:0/db", "postgresql://u:Secret9@host/db", "postgresql://host/db?password=Secret9&socketFactory=x")) {
            Cli.Result result = Cli.run("--store", bad, "state");
            assertEquals(2, result.exit(), () -> bad + "\n" + result);
            assertEquals(1, result.errLines().size(), result::toString);
            assertTrue(result.err().startsWith("wskemu: --store: "), result::toString);
            assertFalse(result.err().contains("Secret9"), result::toString);
        }
    }

    @Test
    void aPasswordInTheUrlWorksWithAWarningAndThePasswordFileNeedsNone() {
        String url = PostgresCluster.freshDatabase();
        Cli.Result inUrl = Cli.run("--store", PostgresCluster.withPasswordInUrl(url), "run", Cli.QUICKSTART.toString());
        assertEquals(0, inUrl.exit(), inUrl::toString);
        assertEquals(List.of(PasswordInUrl.WARNING), inUrl.errLines(), inUrl::toString);
        assertFalse(inUrl.err().contains(PostgresCluster.PASSWORD), inUrl::toString);
        if (System.getenv("PGPASSFILE") != null) {
            // the build gives the tests a password file (PGPASSFILE), as ~/.pgpass would be: no password, no warning
            Cli.Result fromFile = Cli.ok("--store", url + "?user=" + PostgresCluster.USER, "history", "--runs");
            assertTrue(fromFile.out().contains("quickstart"), fromFile::toString);
        }
    }

    private static String[] concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toArray(String[]::new);
    }

    private static long publicTables(String url) throws Exception {
        try (Connection connection = PostgresCluster.connect(url.substring(url.lastIndexOf('/') + 1));
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
