package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wskemu.persistence.H2Store;
import org.wskemu.persistence.StoreLocation;

/**
 * Exit status 3 when the store cannot be opened or is damaged: one line naming the store, no stack
 * trace, and the store's bytes as they were.
 */
class StoreRefusalIT {


    @TempDir
    static Path temp;

    static Path regularFile;
    static Path damaged;

    @BeforeAll
    static void makeUnusableStores() throws IOException {
        regularFile = temp.resolve("a-file");
        Files.writeString(regularFile, "not a store\n");
        damaged = temp.resolve("damaged");
        Files.createDirectories(damaged);
        byte[] garbage = new byte[8192];
        new Random(42).nextBytes(garbage);
        Files.write(damaged.resolve("wskemu.mv.db"), garbage);
    }

    @ParameterizedTest(name = "wskemu {0} on a regular file")
    @ValueSource(strings = {"state", "state --json", "state --at 1", "history", "explain 1", "audit", "audit --csv",
            "rebuild", "verify", "run QUICKSTART"})
    void pathThatIsARegularFileIsRefused(String command) throws IOException {
        byte[] before = Files.readAllBytes(regularFile);

        Cli.Result result = Cli.run(args(regularFile, command));

        Cli.assertOneLineError(3, result);
        assertEquals("wskemu: store " + regularFile.toAbsolutePath() + " is not a directory", result.errLines().get(0));
        assertArrayEquals(before, Files.readAllBytes(regularFile));
    }

    @ParameterizedTest(name = "wskemu {0} on garbage")
    @ValueSource(strings = {"state", "state --json", "state --at 1", "history", "explain 1", "audit", "audit --csv",
            "rebuild", "verify", "run QUICKSTART"})
    void damagedDatabaseFileIsRefusedAndLeftAsItWas(String command) throws IOException {
        byte[] before = Files.readAllBytes(damaged.resolve("wskemu.mv.db"));

        Cli.Result result = Cli.run(args(damaged, command));

        Cli.assertOneLineError(3, result);
        assertTrue(result.err().startsWith("wskemu: store " + damaged + " is damaged: "), result::toString);
        assertArrayEquals(before, Files.readAllBytes(damaged.resolve("wskemu.mv.db")));
        assertEquals(List.of("wskemu.mv.db"), list(damaged), "nothing added to the store directory");
    }

    @Test
    void emptyDatabaseFileIsRefusedAsDamaged() throws IOException {
        Path store = temp.resolve("empty");
        Files.createDirectories(store);
        Files.createFile(store.resolve("wskemu.mv.db"));

        Cli.Result result = Cli.run("--store", store.toString(), "history");

        Cli.assertOneLineError(3, result);
        assertEquals("wskemu: store " + store + " is damaged: wskemu.mv.db is empty", result.errLines().get(0));
        assertEquals(0, Files.size(store.resolve("wskemu.mv.db")));
    }

    @Test
    void storeOfANewerSchemaVersionIsRefusedAndLeftAsItWas() throws Exception {
        Path store = temp.resolve("newer");
        Cli.ok("--store", store.toString(), "run", Cli.QUICKSTART.toString());
        try (Connection raw = DriverManager.getConnection("jdbc:h2:file:" + store.resolve("wskemu") + ";IFEXISTS=TRUE",
                "wskemu", ""); Statement statement = raw.createStatement()) {
            statement.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'wskemu', 1, TRUE)");
        }
        byte[] before = Files.readAllBytes(store.resolve("wskemu.mv.db"));

        for (String command : new String[] {"state", "run QUICKSTART", "rebuild"}) {
            Cli.Result result = Cli.run(args(store, command));

            Cli.assertOneLineError(3, result);
            assertEquals("wskemu: store " + store + " was written by a newer wskemu (schema version 99, this build knows up to 5)",
                    result.errLines().get(0));
            assertArrayEquals(before, Files.readAllBytes(store.resolve("wskemu.mv.db")), command + " changed the file");
        }
    }

    @Test
    void storeHeldByAnotherProcessIsRefusedAsInUse() throws Exception {
        Path store = temp.resolve("held");
        Cli.emptyStore(store);
        Path log = temp.resolve("holder.log");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Daxoniq.update-checker.disabled=true",
                StoreHolder.class.getName(), store.toString())
                .redirectError(log.toFile())
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals(StoreHolder.READY, out.readLine(), () -> "the holder did not open the store: " + read(log));

            for (String command : new String[] {"run QUICKSTART", "state"}) {
                Cli.Result result = Cli.run(args(store, command));

                Cli.assertOneLineError(3, result);
                assertEquals("wskemu: store " + store + " is in use by another process", result.errLines().get(0));
            }
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(60, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        assertEquals(0, holder.exitValue(), () -> read(log));
        assertEquals(List.of("no events (store " + store + ")"), Cli.ok("--store", store.toString(), "history").outLines(),
                "the refused run wrote nothing");
    }

    @Test
    void storeAlreadyOpenInThisProcessIsRefused() {
        Path store = temp.resolve("open-here");
        try (H2Store open = H2Store.open(StoreLocation.directory(store))) {
            Cli.Result result = Cli.run("--store", store.toString(), "state");

            Cli.assertOneLineError(3, result);
            assertEquals("wskemu: store " + store + " is already open in this process", result.errLines().get(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--debug --store FILE state", "state --store FILE --debug"})
    void debugBeforeOrAfterTheCommandShowsTheStackTrace(String command) {
        Cli.Result result = Cli.run(command.replace("FILE", regularFile.toString()).split(" "));
        assertEquals(3, result.exit(), result::toString);
        assertEquals("wskemu: store " + regularFile.toAbsolutePath() + " is not a directory", result.errLines().get(0));
        assertTrue(result.err().contains("\tat "), result::toString);
    }

    /** {@code --store STORE} then the command, QUICKSTART standing for the example's path. */
    private static String[] args(Path store, String command) {
        List<String> args = new ArrayList<>(List.of("--store", store.toString()));
        for (String word : command.split(" ")) {
            args.add(word.equals("QUICKSTART") ? Cli.QUICKSTART.toString() : word);
        }
        return args.toArray(String[]::new);
    }

    private static List<String> list(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
