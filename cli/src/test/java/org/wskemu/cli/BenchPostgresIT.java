package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wskemu.persistence.PostgresCluster;

/**
 * {@code wskemu bench --quick --store postgresql://...} on the tests' own cluster prints every
 * PostgreSQL figure (replay against the server's plain inserts, 1, 2 and 4 writer processes), never
 * the password, and drops every database it created. The figures themselves are never asserted.
 */
@Tag("bench")
@Tag("postgres")
@ExtendWith(PostgresCluster.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class BenchPostgresIT {

    static final List<String> POSTGRES_KEYS = List.of("server", "serverVersion", "replayCalls", "replayEvents",
            "replayCallsPerSecond", "replayEventsPerSecond", "appendLimitRows", "appendLimitRowsPerCommit",
            "appendLimitRowsPerSecond", "replayToAppendLimit", "writerCalls",
            "writers1Events", "writers1CallsPerSecond", "writers1EventsPerSecond", "writers1WallSeconds",
            "writers2Events", "writers2CallsPerSecond", "writers2EventsPerSecond", "writers2WallSeconds",
            "writers4Events", "writers4CallsPerSecond", "writers4EventsPerSecond", "writers4WallSeconds",
            "writers2To1", "writers4To1");

    static String url;
    static String database;
    static Cli.Result json;
    static Cli.Result human;

    @BeforeAll
    static void runTheBenchOnPostgres() {
        url = PostgresCluster.freshDatabase();
        database = url.substring(url.lastIndexOf('/') + 1);
        String store = PostgresCluster.withCredentials(url);
        json = Cli.run("--store", store, "bench", "--quick", "--rounds", "1", "--json");
        human = Cli.run("bench", "--quick", "--rounds", "1", "--calls", "200", "--store", store);
    }

    @Test
    void jsonHasEveryPostgresFigureAndKeepsTheOtherSections() throws Exception {
        assertEquals(0, json.exit(), json::toString);
        JsonNode root = new ObjectMapper().readTree(json.out().strip());
        List<String> sections = new ArrayList<>();
        root.fieldNames().forEachRemaining(sections::add);
        List<String> expected = new ArrayList<>(BenchCommandIT.KEYS.keySet());
        expected.add("postgres");
        assertEquals(expected, sections, "the H2 sections as before, then postgres");
        List<String> present = new ArrayList<>();
        root.get("postgres").fieldNames().forEachRemaining(present::add);
        assertEquals(POSTGRES_KEYS, present);
        for (String key : POSTGRES_KEYS) {
            JsonNode value = root.get("postgres").get(key);
            if (key.equals("server") || key.equals("serverVersion")) {
                assertTrue(value.isTextual() && !value.asText().isBlank(), key);
            } else {
                assertTrue(value.isNumber() && value.asDouble() > 0, key + " = " + value);
            }
        }
        assertEquals("postgresql://127.0.0.1:" + PostgresCluster.port() + "/" + database,
                root.get("postgres").get("server").asText(), "the server, without credentials");
        JsonNode postgres = root.get("postgres");
        assertEquals(postgres.get("replayEvents").asLong(), postgres.get("appendLimitRows").asLong(),
                "the limit inserts as many rows as the replay wrote events");
        assertEquals(root.get("replay").get("events").asLong(), postgres.get("replayEvents").asLong(),
                "the same session writes the same events on H2 and on PostgreSQL");
        assertTrue(postgres.get("writers4Events").asLong() > postgres.get("writers2Events").asLong()
                && postgres.get("writers2Events").asLong() > postgres.get("writers1Events").asLong(),
                "more writers, more calls recorded: " + postgres);
    }

    @Test
    void theHumanTablePrintsEveryPostgresFigure() {
        assertEquals(0, human.exit(), human::toString);
        List<String> lines = human.out().lines().toList();
        for (String figure : List.of("replay, PostgreSQL store", "PostgreSQL, 1 writer process",
                "PostgreSQL, 2 writer processes", "PostgreSQL, 4 writer processes")) {
            assertEquals(2, lines.stream().filter(l -> l.startsWith(figure)).count(), figure + " in\n" + human.out());
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("replay, PostgreSQL store") && l.contains("(append, same server)")),
                human.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("PostgreSQL ") && l.contains("every database the bench created was dropped")),
                human.out());
        assertTrue(human.err().contains("PostgreSQL writers round"), human.err());
    }

    @Test
    void credentialsAreNeverPrintedAndEveryBenchDatabaseIsDropped() throws Exception {
        for (Cli.Result result : List.of(json, human)) {
            assertFalse(result.out().contains(PostgresCluster.PASSWORD), "stdout");
            assertFalse(result.err().contains(PostgresCluster.PASSWORD), "stderr");
            assertFalse(result.out().contains("password="), "stdout");
            assertFalse(result.err().contains("password="), "stderr");
        }
        try (Connection connection = PostgresCluster.connect("postgres");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'wskemu_bench_%'")) {
            List<String> left = new ArrayList<>();
            while (rs.next()) {
                left.add(rs.getString(1));
            }
            assertEquals(List.of(), left);
        }
        try (Connection connection = PostgresCluster.connect(database);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the database the URL names is only connected to, never written");
        }
    }

    @Test
    void aServerWithoutSuchADatabaseIsAStoreErrorAndNothingRuns() {
        Cli.Result missing = Cli.run("--store", PostgresCluster.withCredentials("postgresql://127.0.0.1:"
                + PostgresCluster.port() + "/no_such_database"), "bench", "--quick", "--rounds", "1");
        assertEquals(3, missing.exit(), missing::toString);
        assertFalse(missing.err().contains(PostgresCluster.PASSWORD));
    }
}
