package org.wskemu.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wskemu.persistence.PostgresCluster;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The reading commands' contract ({@link StoreCommandsTest}, every test of it) on a store in a
 * PostgreSQL database of the tests' own server, its credentials in the URL's query.
 */
@Tag("postgres")
@ExtendWith(PostgresCluster.class)
class PostgresStoreCommandsTest extends StoreCommandsTest {

    /** Hides {@link StoreCommandsTest#runBoth()}: the same two runs, on PostgreSQL. */
    @BeforeAll
    static void runBoth() {
        String url = PostgresCluster.freshDatabase();
        runBothOn(PostgresCluster.withCredentials(url), url);
    }

    @AfterAll
    static void thePasswordWasNeverPrinted() {
        for (String command : new String[] {"state", "history", "audit", "verify"}) {
            Cli.Result result = Cli.run("--store", store, command);
            assertFalse(result.out().contains(PostgresCluster.PASSWORD) || result.err().contains(PostgresCluster.PASSWORD),
                    result::toString);
        }
    }
}
