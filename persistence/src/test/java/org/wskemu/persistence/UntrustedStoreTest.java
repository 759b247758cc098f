package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import planted.PlantedCode;

/**
 * Issue #17, untrusted stores: a store may come from someone else. Code it names (an H2 trigger, a
 * Java alias by class or by source) is never run and the store is refused with one line; a stored
 * payloadType naming a class that is not wskemu's is damage, and the class is never loaded.
 */
@Tag("slow")
class UntrustedStoreTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"trigger", "alias", "source"})
    void codeAStoreNamesNeverRunsAndTheStoreIsRefused(String kind) throws Exception {
        Path directory = temp.resolve(kind);
        try (H2Store store = H2Store.open(StoreLocation.directory(directory))) {
            EventChainTest.fill(store);
        }
        plant(directory, kind);
        byte[] planted = Files.readAllBytes(directory.resolve(H2Store.DATABASE_FILE));

        StoreException refused = assertThrows(StoreException.class, () -> H2Store.open(StoreLocation.directory(directory)));

        assertTrue(refused.getMessage().matches("store \\Q" + directory + "\\E is refused: it holds the (trigger|alias) PLANTED\\w* "
                + "that wskemu never creates \\(code the store would run\\); it was not run"), refused.getMessage());
        assertNull(System.getProperty(PlantedCode.RAN), "the planted code ran");
        assertArrayEquals(planted, Files.readAllBytes(directory.resolve(H2Store.DATABASE_FILE)), "a refused open wrote");
    }

    @Test
    void aPayloadTypeNamingAnotherClassIsDamageAndTheClassIsNeverLoaded() throws Exception {
        try (H2Store store = H2Store.open(StoreLocation.memory())) {
            EventChainTest.fill(store);
            try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                assertEquals(1, statement.executeUpdate("UPDATE DomainEventEntry SET payloadType = 'planted.PlantedCode' "
                        + "WHERE globalIndex = 5"));
            }
            try (CounterApp app = CounterApp.start(AxonJdbcStorage.on(store))) {
                Exception failure = assertThrows(Exception.class,
                        () -> app.gateway().sendAndWait(new Counter.Increment("c0", 1)));
                StoreException damage = StoreException.damageIn(failure, store.location()).orElseThrow(() -> new AssertionError(failure));
                assertEquals(StoreException.Reason.DAMAGED, damage.reason());
                assertEquals("store " + store.location() + " is damaged: a stored event or snapshot names the type "
                        + "'planted.PlantedCode', which is not one of wskemu's (it was not loaded)", damage.getMessage());
            }
        }
        assertNull(System.getProperty(PlantedCode.RAN), "the planted class was initialized");
    }

    private static void plant(Path directory, String kind) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "planted.Plant", directory.toString(), kind)
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
    }
}
