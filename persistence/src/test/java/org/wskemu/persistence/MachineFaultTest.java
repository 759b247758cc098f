package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;

/**
 * The file system's refusals are named for what they are, before any reading of them as damage (issue
 * #17). A full disk, a read-only file system and a file-size limit are met for real in
 * {@code cli/.../DiskFaultsIT}; a quota cannot be set up by a test, so its message is checked here, as
 * H2 wraps it (an {@code MVStoreException} that would otherwise read as a corrupted file).
 */
class MachineFaultTest {

    private static final StoreLocation STORE = StoreLocation.directory(Path.of("/srv/store"));

    @Test
    void eachRefusalOfTheFileSystemIsNamedAndNeverDamage() {
        for (String[] refusal : new String[][] {{"No space left on device", "no space left on the device"},
                {"Disk quota exceeded", "the disk quota is exceeded"},
                {"File too large", "the file reached the file-size limit"},
                {"Read-only file system", "the file system is read-only"}}) {
            MVStoreException h2 = DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT, "Writing to {0} failed",
                    "/srv/store/wskemu.mv.db", new FileSystemException("/srv/store/wskemu.mv.db", null, refusal[0]));
            StoreException named = StoreException.damageIn(new SQLException("General error", h2), STORE).orElseThrow();
            assertEquals(StoreException.Reason.NOT_WRITABLE, named.reason(), named::getMessage);
            assertTrue(named.getMessage().startsWith("store /srv/store cannot be written: " + refusal[1]), named::getMessage);
            assertTrue(!named.getMessage().contains("damaged"), named::getMessage);
        }
        assertTrue(StoreException.machineFault(new IOException("Input/output error"), STORE).isEmpty());
    }
}
