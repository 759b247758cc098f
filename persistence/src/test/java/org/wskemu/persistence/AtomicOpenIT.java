package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store's first open and a schema upgrade either complete or leave the store as it was (issue #17):
 * a child JVM opening a store is killed with SIGKILL at moments spread over its whole open (timed from
 * the line it prints just before), a new store's first open, then an upgrade through a test-only
 * migration that takes a while and alters a table of events. After each kill the store is absent (first
 * open) or byte for byte as it was (upgrade), or complete: it opens, at the full schema, with its events.
 * Before migrations were atomic, such a kill left {@code Table ... already exists} on every later open.
 */
@EnabledOnOs(OS.LINUX)
class AtomicOpenIT {

    private static final String SLOW_V4 = "classpath:db/testmigration/slow-v4";
    private static final String APPLIED = "SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
            + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"";

    @TempDir
    Path temp;

    private int moments() {
        return Boolean.getBoolean("wskemu.long") ? 60 : 12;
    }

    @Test
    void aFirstOpenKilledAtAnyMomentLeavesNoStoreOrAWholeOne() throws Exception {
        long whole = timeOfOpen(temp.resolve("timed"), List.of());
        int absent = 0;
        int complete = 0;
        int workLeft = 0;
        for (int i = 0; i < moments(); i++) {
            long delay = whole * 3 * i / (2 * (moments() - 1)); // from 0 to 150 % of a whole open
            Path store = temp.resolve("first-" + i);
            boolean killed = openAndKill(store, List.of(), delay);
            if (!AtomicMigration.workDirectories(store).isEmpty()) {
                workLeft++;
            }
            if (Files.exists(store.resolve(H2Store.DATABASE_FILE))) {
                complete++;
                try (H2Store opened = H2Store.open(StoreLocation.directory(store))) {
                    assertEquals(List.of(List.of("1", "TRUE"), List.of("2", "TRUE"), List.of("3", "TRUE"), List.of("4", "TRUE"), List.of("5", "TRUE")),
                            RawDatabase.rows(opened.dataSource(), APPLIED), "killed after " + delay + " ms");
                }
            } else {
                absent++;
                assertTrue(killed, "not killed, yet no store");
                H2Store.open(StoreLocation.directory(store)).close(); // made at the next open, whole
            }
            assertEquals(List.of(), AtomicMigration.workDirectories(store), "the next open removed the killed one's work");
        }
        System.out.printf("AtomicOpenIT first open (%d ms whole): %d kills, %d left no store (%d of them mid-migration), "
                + "%d a whole store%n", whole, moments(), absent, workLeft, complete);
        assertTrue(workLeft > 0, "some kill landed inside the migration");
    }

    @Test
    void anUpgradeKilledAtAnyMomentLeavesTheStoreByteForByteOrUpgraded() throws Exception {
        Path prepared = temp.resolve("v3");
        try (H2Store v3 = H2Store.open(StoreLocation.directory(prepared))) {
            try (CounterApp app = CounterApp.start(AxonJdbcStorage.on(v3))) {
                app.gateway().sendAndWait(new Counter.Create("kept"));
                app.gateway().sendAndWait(new Counter.Increment("kept", 5));
            }
        }
        byte[] original = Files.readAllBytes(prepared.resolve(H2Store.DATABASE_FILE));
        long whole = timeOfOpen(copyOf(prepared, original, "timed-v4"), List.of(H2Store.MIGRATIONS, SLOW_V4));
        int unchanged = 0;
        int upgraded = 0;
        int workLeft = 0;
        for (int i = 0; i < moments(); i++) {
            long delay = whole * 3 * i / (2 * (moments() - 1)); // from 0 to 150 % of a whole open
            Path store = copyOf(prepared, original, "upgrade-" + i);
            openAndKill(store, List.of(H2Store.MIGRATIONS, SLOW_V4), delay);
            if (!AtomicMigration.workDirectories(store).isEmpty()) {
                workLeft++;
            }
            byte[] after = Files.readAllBytes(store.resolve(H2Store.DATABASE_FILE));
            if (md5(after).equals(md5(original))) {
                unchanged++;
            } else {
                upgraded++;
                // not the original: then wholly upgraded, without opening it for more
                assertFalse(H2Store.refuseNewerSchemaReadOnly(StoreLocation.directory(store), H2Store.fileUrl(store),
                        List.of(H2Store.MIGRATIONS, SLOW_V4)), "killed after " + delay + " ms: neither as it was nor upgraded");
            }
            // either way it opens (upgraded now if it was not), with its events
            try (H2Store opened = H2Store.open(StoreLocation.directory(store), List.of(H2Store.MIGRATIONS, SLOW_V4))) {
                assertEquals(List.of(List.of("1", "TRUE"), List.of("2", "TRUE"), List.of("3", "TRUE"), List.of("4", "TRUE"), List.of("5", "TRUE"), List.of("6", "TRUE")),
                        RawDatabase.rows(opened.dataSource(), APPLIED));
                assertEquals(List.of(List.of("2")), RawDatabase.rows(opened.dataSource(),
                        "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = 'kept'"));
            }
            assertEquals(List.of(), AtomicMigration.workDirectories(store));
        }
        System.out.printf("AtomicOpenIT upgrade (%d ms whole): %d kills, %d left the file byte for byte (%d of them "
                + "mid-migration), %d upgraded%n", whole, moments(), unchanged, workLeft, upgraded);
        assertTrue(workLeft > 0, "some kill landed inside the migration");
    }

    private Path copyOf(Path prepared, byte[] bytes, String name) throws IOException {
        Path store = Files.createDirectory(temp.resolve(name));
        Files.write(store.resolve(H2Store.DATABASE_FILE), bytes);
        return store;
    }

    /** How long a whole open takes in a child JVM, from its line before the open to its line after. */
    private long timeOfOpen(Path store, List<String> locations) throws Exception {
        Process child = start(store, locations);
        try (BufferedReader out = reader(child)) {
            assertEquals(OpenStore.OPENING, out.readLine());
            long start = System.nanoTime();
            String line = out.readLine();
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(OpenStore.OPENED, line, () -> "the open failed: " + read(temp.resolve("child.err")));
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            return took;
        } finally {
            child.destroyForcibly();
        }
    }

    /** @return whether the child was killed (false: it had opened the store already) */
    private boolean openAndKill(Path store, List<String> locations, long delay) throws Exception {
        Process child = start(store, locations);
        try (BufferedReader out = reader(child)) {
            String line = out.readLine();
            if (!OpenStore.OPENING.equals(line)) {
                fail("the child said " + line + ": " + read(temp.resolve("child.err")));
            }
            Thread.sleep(delay);
            boolean opened = out.ready() && OpenStore.OPENED.equals(out.readLine());
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            return !opened && child.exitValue() == 137;
        } finally {
            child.destroyForcibly();
        }
    }

    private Process start(Path store, List<String> locations) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", OpenStore.class.getName(),
                store.toString()));
        command.addAll(locations);
        return new ProcessBuilder(command).redirectError(temp.resolve("child.err").toFile()).start();
    }

    private static BufferedReader reader(Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
