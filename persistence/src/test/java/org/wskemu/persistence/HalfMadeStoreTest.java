package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store an older wskemu left half-made, killed during its first open or an upgrade before migrations
 * were atomic (issue #17): its tables exist but Flyway's history lacks them or records a failure. The
 * open names it in one line with the fix, and leaves the file byte for byte as it was.
 */
class HalfMadeStoreTest {

    @TempDir
    Path temp;

    @Test
    void aFirstOpenKilledByAnOlderWskemuIsNamedWithItsFixAndLeftAsItWas() throws Exception {
        Path store = temp.resolve("store");
        H2Store.open(StoreLocation.directory(store)).close();
        // as a kill after V2's tables were made and before Flyway recorded V2 and V3
        sql(store, "DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('2', '3', '4', '5')");

        StoreException refused = refusedUntouched(store);

        assertEquals("store " + store + " was left half-made by a wskemu stopped during its first open (schema at "
                + "version 1 of 5; the next migration fails: Script V2__read_models.sql failed: Table \"WSK_SOCKET\" already exists); it holds no event, "
                + "so nothing is lost: remove " + store.resolve("wskemu.mv.db") + " and run again; it was left as it was",
                refused.getMessage());
        Files.delete(store.resolve(H2Store.DATABASE_FILE)); // the fix it names
        H2Store.open(StoreLocation.directory(store)).close();
    }

    @Test
    void anUpgradeKilledByAnOlderWskemuIsNamedAndItsEventsLeftAsTheyWere() throws Exception {
        Path store = temp.resolve("store");
        try (H2Store v3 = H2Store.open(StoreLocation.directory(store));
             CounterApp app = CounterApp.start(AxonJdbcStorage.on(v3))) {
            app.gateway().sendAndWait(new Counter.Create("kept"));
        }
        // as a kill after V3's column was added and before Flyway recorded it
        sql(store, "DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('3', '4', '5')");

        StoreException refused = refusedUntouched(store);

        assertTrue(refused.getMessage().startsWith("store " + store + " was left half-made by a wskemu stopped during its "
                + "schema upgrade (schema at version 2 of 5; the next migration fails: Script V3__event_digest.sql failed: "
                + "Duplicate column name \"DIGEST\"); it holds 1 event, left as it was: restore the store from a backup"), refused::getMessage);
    }

    @Test
    void aMigrationRecordedAsFailedIsNamedToo() throws Exception {
        Path store = temp.resolve("store");
        H2Store.open(StoreLocation.directory(store)).close();
        sql(store, "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '3'");

        StoreException refused = refusedUntouched(store);

        assertTrue(refused.getMessage().contains("half-made") && refused.getMessage().contains("a failed migration recorded")
                && refused.getMessage().contains("it holds no event"), refused::getMessage);
    }

    private static StoreException refusedUntouched(Path store) throws Exception {
        byte[] before = Files.readAllBytes(store.resolve(H2Store.DATABASE_FILE));
        StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(store)));
        assertFalse(refused.getMessage().contains("\n"), "one line");
        assertArrayEquals(before, Files.readAllBytes(store.resolve(H2Store.DATABASE_FILE)), "not a byte written");
        assertEquals(List.of(), AtomicMigration.workDirectories(store));
        return refused;
    }

    private static void sql(Path store, String statement) throws Exception {
        try (Connection raw = RawDatabase.open(store); Statement s = raw.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
