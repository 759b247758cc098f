package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.axonframework.common.jdbc.JdbcException;
import org.h2.api.ErrorCode;
import org.h2.mvstore.DataUtils;
import org.junit.jupiter.api.Test;

/** {@link StoreException#damageIn}: which failures of a command report damage of its store. */
class StoreDamageTest {

    static final StoreLocation STORE = StoreLocation.directory(Path.of("/tmp/some-store"));

    @Test
    void aCorruptRecordFoundByAQueryIsDamage() {
        SQLException corrupt = new SQLException("File corrupted while reading record: \"type: 142\". Possible solution: "
                + "use the recovery tool [90030-232]", "XX000", ErrorCode.FILE_CORRUPTED_1);
        JdbcException failure = new JdbcException("reading the event log failed", new SQLException("General error", "HY000", 50000, corrupt));

        StoreException damage = StoreException.damageIn(failure, STORE).orElseThrow();

        assertEquals(StoreException.Reason.DAMAGED, damage.reason());
        assertEquals("store /tmp/some-store is damaged: File corrupted while reading record: \"type: 142\". "
                + "Possible solution: use the recovery tool", damage.getMessage());
    }

    @Test
    void aPageH2CannotReadIsDamageAndItsBytesDoNotReachTheMessage() {
        RuntimeException failure = new IllegalStateException("reading", DataUtils.newMVStoreException(
                DataUtils.ERROR_FILE_CORRUPT, "Unable to read the page at position \u0001\u0012 {0}", "x"));

        StoreException damage = StoreException.damageIn(failure, STORE).orElseThrow();

        assertTrue(damage.getMessage().startsWith("store /tmp/some-store is damaged: Unable to read the page at position ??"),
                damage.getMessage());
    }

    @Test
    void aStoreExceptionAmongTheCausesIsTheAnswer() {
        StoreException inner = new StoreException(StoreException.Reason.DAMAGED, "store /x is damaged: y", null);

        assertSame(inner, StoreException.damageIn(new RuntimeException(new RuntimeException(inner)), STORE).orElseThrow());
    }

    @Test
    void otherFailuresAreNotDamage() {
        assertEquals(Optional.empty(), StoreException.damageIn(new JdbcException("x",
                new SQLException("Timeout trying to lock table", "HYT00", ErrorCode.LOCK_TIMEOUT_1)), STORE));
        assertEquals(Optional.empty(), StoreException.damageIn(new IllegalStateException("a bug"), STORE));
    }
}
