package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {

    private static final String V4 = "classpath:db/testmigration/v4";
    private static final String MIGRATIONS_APPLIED = "SELECT \"version\", \"script\", \"success\""
            + " FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"";
    private static final String HISTORY = "SELECT \"installed_rank\", \"version\", \"script\", \"checksum\", \"success\""
            + " FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"";

    @TempDir
    Path temp;

    @Test
    void freshStoreHasExactlyAxonsTablesAndColumns() throws Exception {
        try (H2Store store = H2Store.open(StoreLocation.memory()); Connection connection = store.dataSource().getConnection()) {
            Map<String, Set<String>> tables = RawDatabase.columnsByTable(connection);
            assertEquals(Set.of("DOMAINEVENTENTRY", "SNAPSHOTEVENTENTRY", "TOKENENTRY", "WSK_SOCKET", "WSK_OWNERSHIP",
                    "WSK_DECISION", "WSK_WARNING", "WSK_READ_MODEL_POSITION", "WSK_CHECKPOINT", "WSKEMU_CHAIN", "WSK_RUN_MARK",
                    "flyway_schema_history"),
                    tables.keySet());
            assertEquals(Set.of("GLOBALINDEX", "AGGREGATEIDENTIFIER", "SEQUENCENUMBER", "TYPE", "EVENTIDENTIFIER",
                    "METADATA", "PAYLOAD", "PAYLOADREVISION", "PAYLOADTYPE", "TIMESTAMP", "DIGEST"), tables.get("DOMAINEVENTENTRY"));
            assertEquals(Set.of("AGGREGATEIDENTIFIER", "SEQUENCENUMBER", "TYPE", "EVENTIDENTIFIER",
                    "METADATA", "PAYLOAD", "PAYLOADREVISION", "PAYLOADTYPE", "TIMESTAMP"), tables.get("SNAPSHOTEVENTENTRY"));
            assertEquals(Set.of("PROCESSORNAME", "SEGMENT", "TOKEN", "TOKENTYPE", "TIMESTAMP", "OWNER"), tables.get("TOKENENTRY"));
            assertEquals(List.of(List.of("1", "V1__axon_tables.sql", "TRUE"), List.of("2", "V2__read_models.sql", "TRUE"),
                            List.of("3", "V3__event_digest.sql", "TRUE"), List.of("4", "V4__chain_start.sql", "TRUE"),
                            List.of("5", "V5__turn_four.sql", "TRUE")),
                    RawDatabase.rows(connection, MIGRATIONS_APPLIED));
        }
    }

    @Test
    void firstEventGetsGlobalIndexOneAndAxonCreatesNoTable() throws Exception {
        try (H2Store store = H2Store.open(StoreLocation.memory())) {
            Set<String> tablesBefore = tableNames(store);
            AxonJdbcStorage storage = AxonJdbcStorage.on(store);
            try (CounterApp app = CounterApp.start(storage)) {
                app.gateway().sendAndWait(new Counter.Create("c1"));
                app.gateway().sendAndWait(new Counter.Increment("c1", 2));
            }
            // Axon's own DDL would start the identity at 0 (and is not valid on H2 2.x anyway).
            assertEquals(List.of(List.of("1")), RawDatabase.rows(store.dataSource(),
                    "SELECT IDENTITY_START FROM INFORMATION_SCHEMA.COLUMNS"
                            + " WHERE TABLE_NAME = 'DOMAINEVENTENTRY' AND COLUMN_NAME = 'GLOBALINDEX'"));
            assertEquals(List.of(List.of("1", "0"), List.of("2", "1")), RawDatabase.rows(store.dataSource(),
                    "SELECT globalIndex, sequenceNumber FROM DomainEventEntry ORDER BY globalIndex"));
            assertEquals(tablesBefore, tableNames(store));
        }
    }

    @Test
    void storeWithAFutureMigrationIsRefusedAndLeftAsItWas() throws Exception {
        Path directory = temp.resolve("store");
        H2Store.open(StoreLocation.directory(directory)).close();
        List<List<String>> history;
        try (Connection raw = RawDatabase.open(directory); Statement statement = raw.createStatement()) {
            statement.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'wskemu', 1, TRUE)");
            history = RawDatabase.rows(raw, HISTORY);
        }

        StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(directory)));

        assertEquals(StoreException.Reason.NEWER_VERSION, refused.reason(), () -> refused.getMessage() + " / " + refused.getCause());
        assertEquals("store " + directory + " was written by a newer wskemu (schema version 99, this build knows up to 5)",
                refused.getMessage());
        try (Connection raw = RawDatabase.open(directory)) {
            assertEquals(history, RawDatabase.rows(raw, HISTORY));
        }
    }

    @Test
    void olderStoreIsMigratedForwardOnOpen() throws Exception {
        Path directory = temp.resolve("store");
        try (H2Store v1 = H2Store.open(StoreLocation.directory(directory))) {
            AxonJdbcStorage storage = AxonJdbcStorage.on(v1);
            try (CounterApp app = CounterApp.start(storage)) {
                app.gateway().sendAndWait(new Counter.Create("kept"));
            }
        }

        try (H2Store v4 = H2Store.open(StoreLocation.directory(directory), List.of(H2Store.MIGRATIONS, V4))) {
            assertEquals(List.of(List.of("1", "V1__axon_tables.sql", "TRUE"), List.of("2", "V2__read_models.sql", "TRUE"),
                            List.of("3", "V3__event_digest.sql", "TRUE"), List.of("4", "V4__chain_start.sql", "TRUE"),
                            List.of("5", "V5__turn_four.sql", "TRUE"), List.of("6", "V6__test_only_table.sql", "TRUE")),
                    RawDatabase.rows(v4.dataSource(), MIGRATIONS_APPLIED));
            assertTrue(tableNames(v4).contains("TESTONLYV2"));
            assertEquals(List.of(List.of("kept")), RawDatabase.rows(v4.dataSource(), "SELECT aggregateIdentifier FROM DomainEventEntry"));
        }

        StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(directory)));
        assertEquals("store " + directory + " was written by a newer wskemu (schema version 6, this build knows up to 5)",
                refused.getMessage());
    }

    private static Set<String> tableNames(H2Store store) throws Exception {
        try (Connection connection = store.dataSource().getConnection()) {
            return RawDatabase.columnsByTable(connection).keySet();
        }
    }
}
