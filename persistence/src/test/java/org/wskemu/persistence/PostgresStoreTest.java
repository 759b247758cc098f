package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.events;
import static org.wskemu.persistence.EngineSessions.fold;
import static org.wskemu.persistence.EngineSessions.generate;
import static org.wskemu.persistence.EngineSessions.generateMore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.ReadModelView;

/**
 * The store on a real PostgreSQL server: the same one reducer, checkpoints, timeline, rebuild and
 * verify as on H2, the schema from the PostgreSQL migrations, credentials never in a message.
 */
@Tag("postgres")
@ExtendWith(PostgresCluster.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PostgresStoreTest {

    static final long SEED = 0x5017_2026L;
    static final int CALLS = 1_500;

    @Test
    void sessionsSurviveReopeningAndTheReadModelsAreTheFoldOfTheLog() {
        StoreLocation location = StoreLocation.parse(PostgresCluster.freshDatabaseWithCredentials());
        AtomicLong handles = new AtomicLong();
        List<LoggedEvent> before;
        ReadModelView live;
        try (WskEmulator kernel = emulator(JdbcStorage.open(location), handles)) {
            SessionRunner.Result result = kernel.sessions().run(SessionRunner.Run.of("generated", generate(SEED, CALLS)));
            assertEquals(CALLS, result.reports().size());
            live = copy(kernel.readModels());
            RestartTest.assertVaried(result, live);
            assertEquals(kernel.log().head(), live.position());
            assertSameView(fold(kernel.log()), live, "live against a fold of the log");
            before = events(kernel.log());
            assertEquals(1, before.get(0).position(), "positions start at 1");
        }
        try (WskEmulator kernel = emulator(JdbcStorage.openExisting(location), handles)) {
            assertEquals(before, events(kernel.log()), "the events after reopening");
            assertSameView(live, kernel.readModels(), "the read models after reopening");
            long middle = before.get(before.size() / 2).position();
            assertSameView(fold(kernel.log(), middle), kernel.timeline().at(middle), "the state at " + middle);
            SessionRunner.Result more = kernel.sessions().run(SessionRunner.Run.of("more", generateMore(SEED + 1, 300)));
            assertEquals(2, more.run(), "the machine's runs are numbered on");
            // the read models first: they wait for the processor, whose open transaction, older than the
            // run's last batches, keeps the log's horizon below them until it commits
            ReadModelView afterMore = copy(kernel.readModels());
            assertSameView(fold(kernel.log()), afterMore, "live after more calls");
            assertSameView(copy(kernel.readModels()), copy(kernel.rebuild()), "a rebuild");
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
            long checkpoints = count(location, "wsk_checkpoint");
            assertTrue(checkpoints >= 2, "the timeline's checkpoints are in the database: " + checkpoints);
        }
    }

    @Test
    void aReadingOpenOfADatabaseWithoutAStoreIsRefusedAndCreatesNothing() throws Exception {
        StoreLocation location = StoreLocation.parse(PostgresCluster.freshDatabaseWithCredentials());
        StoreException refused = assertThrows(StoreException.class, () -> JdbcStorage.openExisting(location));
        assertEquals(StoreException.Reason.MISSING, refused.reason());
        assertEquals("store " + location + " does not exist (the database holds no wskemu tables);"
                + " only 'wskemu run' creates a store", refused.getMessage());
        assertEquals(0, tables(location), "nothing created");
    }

    @Test
    void wrongCredentialsAndAMissingDatabaseAreOneLineWithoutThePassword() {
        String url = PostgresCluster.freshDatabase();
        StoreException badPassword = assertThrows(StoreException.class,
                () -> JdbcStorage.open(StoreLocation.parse(url + "?user=wskemu&password=not-the-s3cret")));
        assertTrue(badPassword.getMessage().startsWith("store " + url + " could not be opened: "), badPassword.getMessage());
        assertTrue(badPassword.getMessage().contains("password authentication failed"), badPassword.getMessage());
        assertFalse(badPassword.getMessage().contains("not-the-s3cret"));
        assertFalse(badPassword.getMessage().contains("\n"));

        StoreException missing = assertThrows(StoreException.class, () -> JdbcStorage.open(
                StoreLocation.parse(PostgresCluster.withCredentials("postgresql://127.0.0.1:" + PostgresCluster.port() + "/nosuchdb"))));
        assertEquals(StoreException.Reason.MISSING, missing.reason());
        assertFalse(missing.getMessage().contains(PostgresCluster.PASSWORD));
    }

    static long count(StoreLocation location, String table) {
        try (Connection connection = PostgresCluster.connect(((StoreLocation.Postgres) location).database());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long tables(StoreLocation location) {
        return count(location, "pg_tables WHERE schemaname = 'public'");
    }
}
