package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.junit.jupiter.api.Test;

class DuplicateKeyResolverTest {

    private final DuplicateKeyResolver resolver = new DuplicateKeyResolver();

    @Test
    void uniqueViolationAnywhereInTheCauseOrNextChainIsADuplicateKey() {
        assertTrue(resolver.isDuplicateKeyViolation(new SQLException("dup", "23505")));
        assertTrue(resolver.isDuplicateKeyViolation(new JdbcException("append failed", new SQLException("dup", "23505"))));
        BatchUpdateException batch = new BatchUpdateException("batch", null, 0, new int[0]);
        batch.setNextException(new SQLException("dup", "23505"));
        assertTrue(resolver.isDuplicateKeyViolation(batch));
    }

    /** Why the resolver exists: Axon's default does not see H2's failed batch as a duplicate key. */
    @Test
    void h2sFailedBatchIsADuplicateKeyHereButNotForAxonsDefaultResolver() throws SQLException {
        SQLException failedBatch;
        try (H2Store store = H2Store.open(StoreLocation.memory());
             Connection c = store.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO TokenEntry (processorName, segment) VALUES ('p', 0)")) {
            insert.addBatch();
            insert.addBatch();
            failedBatch = assertThrows(BatchUpdateException.class, insert::executeBatch);
        }

        assertTrue(resolver.isDuplicateKeyViolation(failedBatch));
        assertFalse(new JdbcSQLErrorCodesResolver().isDuplicateKeyViolation(failedBatch));
    }

    @Test
    void aDeadlockOrSerializationFailureTheServerAbortedIsALostRaceToo() {
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException("Batch entry 206 ... was aborted", "40P01",
                new int[0]);
        batch.setNextException(new SQLException("ERROR: deadlock detected", "40P01"));
        assertTrue(resolver.isDuplicateKeyViolation(new JdbcException("append failed", batch)));
        assertTrue(resolver.isDuplicateKeyViolation(new SQLException("could not serialize access", "40001")));
        assertFalse(resolver.isDuplicateKeyViolation(new SQLException("lock timeout", "55P03")));
    }

    @Test
    void otherConstraintViolationsAreNot() {
        assertFalse(resolver.isDuplicateKeyViolation(new SQLException("null", "23502")));
        assertFalse(resolver.isDuplicateKeyViolation(new SQLException("fk", "23506")));
        assertFalse(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all")));
    }
}
