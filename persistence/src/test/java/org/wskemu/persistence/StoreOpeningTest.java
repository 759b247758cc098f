package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreOpeningTest {

    @TempDir
    Path temp;

    @Test
    void storeAlreadyOpenInThisProcessIsRefused() {
        StoreLocation location = StoreLocation.directory(temp.resolve("store"));
        try (H2Store open = H2Store.open(location)) {
            StoreException refused = assertThrows(StoreException.class,
                    () -> H2Store.open(StoreLocation.directory(temp.resolve("other/../store"))));
            assertEquals(StoreException.Reason.IN_USE, refused.reason());
            assertEquals("store " + location + " is already open in this process", refused.getMessage());
        }
        H2Store.open(location).close();
    }

    @Test
    void garbageDatabaseFileIsRefusedAsDamagedAndNotOverwritten() throws Exception {
        Path directory = temp.resolve("store");
        H2Store.open(StoreLocation.directory(directory)).close();
        Path file = directory.resolve(H2Store.DATABASE_FILE);
        byte[] garbage = new byte[(int) Files.size(file)];
        new Random(42).nextBytes(garbage);
        Files.write(file, garbage);

        StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(directory)));

        assertEquals(StoreException.Reason.DAMAGED, refused.reason());
        assertTrue(refused.getMessage().startsWith("store " + directory + " is damaged: "), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(file));
    }

    /** H2 itself would open these as new, empty databases and write over them. */
    @ParameterizedTest(name = "cut to {0} bytes")
    @ValueSource(ints = {100, 4096, 8192, 12288})
    void truncatedDatabaseFileIsRefusedAsDamagedAndNotOverwritten(int length) throws Exception {
        Path directory = temp.resolve("store");
        H2Store.open(StoreLocation.directory(directory)).close();
        Path file = directory.resolve(H2Store.DATABASE_FILE);
        byte[] truncated = Arrays.copyOf(Files.readAllBytes(file), length);
        Files.write(file, truncated);

        StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(directory)));

        assertEquals(StoreException.Reason.DAMAGED, refused.reason(), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("store " + directory + " is damaged: "), refused.getMessage());
        assertArrayEquals(truncated, Files.readAllBytes(file));
    }

    /**
     * H2 keeps the schema as SQL text in the file and runs it again at every open; a flipped bit in
     * it ({@code BIGINT} read as {@code BKGINT}, found by DamagedStoreTest) made the open fail with
     * "could not be opened: Unknown data type", as if the request were wrong.
     */
    @Test
    void aStoredSchemaThatNoLongerReadsIsDamageAndTheFileIsLeftAsItWas() throws Exception {
        Path directory = temp.resolve("store");
        H2Store.open(StoreLocation.directory(directory)).close();
        Path file = directory.resolve(H2Store.DATABASE_FILE);
        byte[] bytes = Files.readAllBytes(file);
        byte[] type = "BIGINT".getBytes(StandardCharsets.US_ASCII);
        int changed = 0;
        for (int i = 0; i + type.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + type.length, type, 0, type.length)) {
                bytes[i + 1] = 'K';
                changed++;
            }
        }
        assertTrue(changed > 0, "the file holds its schema as text");
        Files.write(file, bytes);

        StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(directory)));

        assertEquals(StoreException.Reason.DAMAGED, refused.reason(), refused.getMessage());
        assertEquals("store " + directory.toAbsolutePath().normalize() + " is damaged: its stored schema does not read: "
                + "Unknown data type: \"BKGINT\"", refused.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void emptyDatabaseFileIsRefusedAsDamagedRatherThanStartedAfresh() throws Exception {
        Path directory = Files.createDirectory(temp.resolve("store"));
        Path file = Files.createFile(directory.resolve(H2Store.DATABASE_FILE));

        StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(directory)));

        assertEquals(StoreException.Reason.DAMAGED, refused.reason());
        assertEquals("store " + directory + " is damaged: wskemu.mv.db is empty", refused.getMessage());
        assertEquals(0, Files.size(file));
    }

    @Test
    void pathThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("notes.txt"), "not a store");

        StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(file)));

        assertEquals(StoreException.Reason.NOT_A_DIRECTORY, refused.reason());
        assertEquals("store " + file + " is not a directory", refused.getMessage());
        assertEquals("not a store", Files.readString(file));
    }

    @Test
    void directoryThatCannotBeCreatedIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("notes.txt"), "not a directory");
        Path below = file.resolve("store");

        StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(below)));

        assertEquals(StoreException.Reason.NOT_WRITABLE, refused.reason());
        assertEquals("store " + below + " cannot be created: " + file + " is in the way", refused.getMessage());
    }

    /** H2 reads settings after a ';' in its URL ({@code INIT=} runs SQL): such a path is refused first. */
    @Test
    void aPathWithASemicolonIsRefusedBeforeAnythingIsCreated() {
        Path injected = temp.resolve("store;INIT=CREATE TABLE injected(x INT)");

        StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(injected)));

        assertEquals("store " + injected + " has a ';' in its path, which H2 cannot open", refused.getMessage());
        assertFalse(Files.exists(injected), "the refused store's directory was created");
    }

    @Test
    void newStoreDirectoryAndDatabaseFileAreOwnerOnly() throws Exception {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path directory = temp.resolve("parent/store");

        H2Store.open(StoreLocation.directory(directory)).close();

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory.resolve(H2Store.DATABASE_FILE))));
    }

    @Test
    void memoryStoresAreFreshAndGoneAfterClose() throws Exception {
        try (H2Store first = H2Store.open(StoreLocation.memory()); H2Store second = H2Store.open(StoreLocation.memory())) {
            try (var c = first.dataSource().getConnection(); var s = c.createStatement()) {
                s.executeUpdate("INSERT INTO TokenEntry (processorName, segment) VALUES ('only-in-first', 0)");
            }
            assertEquals(java.util.List.of(), RawDatabase.rows(second.dataSource(), "SELECT * FROM TokenEntry"));
            assertEquals(StoreLocation.memory(), first.location());
        }
    }

    @Test
    void aPathTooLongForTheFileSystemIsRefusedWithItsReason(@TempDir Path dir) {
        Path tooLong = dir.resolve("s".repeat(300));
        StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(tooLong)));
        assertTrue(refused.getMessage().endsWith(": File name too long"), refused.getMessage());
        assertTrue(refused.getMessage().contains("cannot be created"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    }
}
