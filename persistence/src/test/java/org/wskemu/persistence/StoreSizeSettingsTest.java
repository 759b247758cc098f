package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file store opens with the settings that keep it small (issue #15; the sizes themselves are the
 * bench's to measure): compressed pages, and dead chunks reused as soon as no version in use needs
 * them, which is safe because every commit is forced to the disk (CommittedBatchKillIT pins the commit).
 */
class StoreSizeSettingsTest {

    private static final String SETTINGS = "SELECT DISTINCT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
            + " WHERE SETTING_NAME IN ('COMPRESS', 'RETENTION_TIME', 'WRITE_DELAY') ORDER BY SETTING_NAME";

    @TempDir
    Path temp;

    @Test
    void aFileStoreCompressesItsPagesAndRetainsNoDeadChunk() throws Exception {
        Path directory = temp.resolve("store");
        for (int open = 0; open < 2; open++) { // a new store, then the same one reopened
            try (H2Store store = H2Store.open(StoreLocation.directory(directory))) {
                assertEquals(List.of(List.of("COMPRESS", "TRUE"), List.of("RETENTION_TIME", "0"), List.of("WRITE_DELAY", "500")),
                        upper(RawDatabase.rows(store.dataSource(), SETTINGS)));
            }
        }
    }

    private static List<List<String>> upper(List<List<String>> rows) {
        return rows.stream().map(row -> row.stream().map(String::toUpperCase).toList()).toList();
    }
}
