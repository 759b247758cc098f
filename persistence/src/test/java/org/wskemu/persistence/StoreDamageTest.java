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

    /** A value's type tag flipped in the file: found by DamagedStoreTest's bit flips. */
    @Test
    void aStoredValueOfAnotherTypeThanItsColumnIsDamage() {
        SQLException conversion = new SQLException("Data conversion error converting \"BIGINT, BINARY VARYING\"; SQL statement:\n"
                + "SELECT globalIndex FROM DomainEventEntry WHERE globalIndex > ? [22018-232]", "22018",
                ErrorCode.DATA_CONVERSION_ERROR_1);

        StoreException damage = StoreException.damageIn(new JdbcException("reading the event log failed", conversion), STORE)
                .orElseThrow();

        assertEquals("store /tmp/some-store is damaged: Data conversion error converting \"BIGINT, BINARY VARYING\"",
                damage.getMessage());
    }

    /** An index entry whose row is gone: H2 retries until its lock timeout, then reports the timeout. */
    @Test
    void anIndexEntryWithoutItsRowIsDamageEvenBehindALockTimeout() {
        SQLException missing = new SQLException("Row \"119407419078702\" not found in primary index \"PUBLIC.WSK_SOCKET_DATA\" "
                + "[90143-232]", "HY000", ErrorCode.ROW_NOT_FOUND_IN_PRIMARY_INDEX);
        SQLException timeout = new SQLException("Timeout trying to lock table {0}; SQL statement:\nSELECT 1 [50200-232]",
                "HYT00", ErrorCode.LOCK_TIMEOUT_1, missing);

        StoreException damage = StoreException.damageIn(new JdbcException("read-model query failed", timeout), STORE)
                .orElseThrow();

        assertEquals("store /tmp/some-store is damaged: Row \"119407419078702\" not found in primary index "
                + "\"PUBLIC.WSK_SOCKET_DATA\"", damage.getMessage());
    }

    /** H2 failing in its own code on what it read: a general error around a runtime exception. */
    @Test
    void h2FailingInsideOnWhatItReadIsDamage() {
        SQLException general = new SQLException("General error: \"java.lang.IllegalArgumentException: Missing map with id 5 "
                + "[2.3.232/0]\" [50000-232]", "HY000", ErrorCode.GENERAL_ERROR_1,
                new IllegalArgumentException("Missing map with id 5 [2.3.232/0]"));

        StoreException damage = StoreException.damageIn(new IllegalStateException("opening", general), STORE).orElseThrow();

        assertEquals("store /tmp/some-store is damaged: H2 cannot read it: Missing map with id 5", damage.getMessage());
        assertEquals(Optional.empty(), StoreException.damageIn(new SQLException("General error", "HY000",
                ErrorCode.GENERAL_ERROR_1), STORE), "a general error without an internal failure is not evidence");
    }

    /** H2's own assertion on a page it read (the tests run with -ea): a flipped bit found in CI. */
    @Test
    void anH2AssertionOnWhatItReadIsDamage() {
        SQLException general = new SQLException("GeneralError", "HY000", ErrorCode.GENERAL_ERROR_1, new AssertionError());

        StoreException damage = StoreException.damageIn(new IllegalStateException("opening", general), STORE).orElseThrow();

        assertEquals("store /tmp/some-store is damaged: H2 cannot read it: AssertionError", damage.getMessage());
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
