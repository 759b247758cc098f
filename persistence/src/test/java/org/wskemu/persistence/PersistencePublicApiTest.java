package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.engine.PublicSignatures.leaks;
import static org.wskemu.engine.PublicSignatures.publicTypes;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wskemu.engine.Storage;
import org.wskemu.engine.spi.EngineStorage;
import org.wskemu.engine.spi.StorageSpi;

/**
 * The persistence module's side of kernel-engine's {@code PublicApiTest} (issue #11; DESIGN.md "What is
 * public"): no public or protected signature of a public type of {@code org.wskemu.persistence} names an
 * Axon type or the engine's internal storage SPI; the storages are opaque {@link Storage}s, and the
 * engine reaches what they do in Axon's terms through {@link StorageSpi} only.
 */
class PersistencePublicApiTest {

    @Test
    void noPublicSignatureOfThePersistencePackageNamesAxonOrAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> types = publicTypes(H2Storage.class);
        for (Class<?> type : types) {
            leaks(type, leaks);
        }
        assertTrue(types.contains(H2Storage.class) && types.contains(JdbcStorage.class) && types.contains(JdbcStore.class),
                "the scan found the package's types: " + types);
        assertTrue(types.size() >= 10, "the scan found the package's types: " + types);
        assertEquals(List.of(), leaks);
    }

    @Test
    void theScanSeesALeakWhereThereIsOne() {
        List<String> leaks = new ArrayList<>();
        leaks(AxonJdbcStorage.class, leaks); // package-private, and it does name Axon
        assertTrue(leaks.stream().anyMatch(l -> l.contains("org.axonframework.config.Configurer")), leaks.toString());
        List<String> spi = new ArrayList<>();
        leaks(Leaky.class, spi);
        assertEquals(List.of(Leaky.class.getName() + " names " + EngineStorage.class.getName()), spi);
    }

    @Test
    void theEngineReachesEachStorageThroughTheSpi() {
        try (H2Storage h2 = H2Storage.open(StoreLocation.memory());
             JdbcStorage jdbc = JdbcStorage.open(StoreLocation.memory())) {
            EngineStorage ofH2 = StorageSpi.of(h2);
            EngineStorage ofJdbc = StorageSpi.of(jdbc);
            assertSame(StorageSpi.of(h2.jdbc()), ofH2, "H2Storage's engine side is its JdbcStorage's");
            assertEquals(h2.describe(), ofH2.describe());
            assertEquals(jdbc.describe(), ofJdbc.describe());
            assertSame(ofJdbc, StorageSpi.of(jdbc), "one engine side per storage");
        }
        Storage unknown = new Storage() {
            @Override
            public String describe() {
                return "unknown";
            }

            @Override
            public void close() {
            }
        };
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StorageSpi.of(unknown));
        assertTrue(refused.getMessage().startsWith("not a storage of the engine: "), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> StorageSpi.register(JdbcStorage.class, s -> null),
                "a storage class registers once");
    }

    /** A type that does leak the SPI (for the scan's own check). */
    public interface Leaky {
        /** @return the SPI */
        EngineStorage engine();
    }
}
