package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 keeps each chunk's metadata as text ({@code chunk:4a,block:...,occupancy:ffff1f}), and every
 * open reads the entries of chunks no longer used. A damaged hex digit in one made MVStore throw H2's
 * DbException instead of an MVStoreException; the read-only probe let it through, and the CLI said
 * "internal error: org.h2.message.DbException: Hexadecimal string contains non-hex character" where
 * it should name the store as damaged. (Found by flipping bits of a real store.)
 */
class DamagedChunkTest {

    @TempDir
    Path temp;

    @Test
    void aNonHexDigitInChunkMetadataIsRefusedAsDamage() throws Exception {
        Path pristine = Files.createDirectories(temp.resolve("pristine"));
        // 400 commits, each written at once as a chunk of its own: the layout map keeps the dead ones
        try (Connection connection = DriverManager.getConnection(H2Store.fileUrl(pristine) + ";WRITE_DELAY=0",
                H2Store.USER, ""); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE scratch (id INT PRIMARY KEY, text VARCHAR)");
            for (int i = 0; i < 400; i++) {
                statement.executeUpdate("MERGE INTO scratch KEY (id) VALUES (" + (i % 7) + ", '" + "x".repeat(i % 500) + "')");
            }
        }
        byte[] bytes = Files.readAllBytes(pristine.resolve(H2Store.DATABASE_FILE));

        // the damaged copies on which H2 itself fails with something other than an MVStoreException
        List<byte[]> failing = new ArrayList<>();
        for (int field : occurrences(bytes, "occupancy:".getBytes(StandardCharsets.US_ASCII))) {
            for (int digit = 0; digit < 2; digit++) {
                Path directory = Files.createDirectories(temp.resolve("damaged-" + field + "-" + digit));
                Path file = directory.resolve(H2Store.DATABASE_FILE);
                byte[] damaged = bytes.clone();
                damaged[field + digit] = 'g';
                Files.write(file, damaged);
                try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
                    store.getMapNames();
                } catch (MVStoreException e) {
                    // what the probe always caught
                } catch (RuntimeException e) {
                    failing.add(damaged); // H2 leaves this copy locked: it is opened again elsewhere below
                }
            }
        }
        assertFalse(failing.isEmpty(), "no damaged digit made H2 fail with another exception: the fixture lost its point");

        for (int i = 0; i < failing.size(); i++) {
            byte[] damaged = failing.get(i);
            Path directory = Files.createDirectories(temp.resolve("refused-" + i));
            Files.write(directory.resolve(H2Store.DATABASE_FILE), damaged);

            StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(directory)));

            assertEquals(StoreException.Reason.DAMAGED, refused.reason(), refused.getMessage());
            assertTrue(refused.getMessage().startsWith("store " + directory + " is damaged: "), refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
            assertArrayEquals(damaged, Files.readAllBytes(directory.resolve(H2Store.DATABASE_FILE)));
        }
    }

    /** The offsets just after each occurrence of {@code pattern}. */
    private static List<Integer> occurrences(byte[] bytes, byte[] pattern) {
        List<Integer> found = new ArrayList<>();
        outer:
        for (int i = 0; i + pattern.length < bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            found.add(i + pattern.length);
        }
        return found;
    }
}
