package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.axonframework.common.jdbc.JdbcException;
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

    @Test
    void otherConstraintViolationsAreNot() {
        assertFalse(resolver.isDuplicateKeyViolation(new SQLException("null", "23502")));
        assertFalse(resolver.isDuplicateKeyViolation(new SQLException("fk", "23506")));
        assertFalse(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all")));
    }
}
