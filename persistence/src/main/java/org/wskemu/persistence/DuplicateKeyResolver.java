package org.wskemu.persistence;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon that an exception is a unique-key violation when any exception in its cause chain,
 * or in a {@link SQLException}'s next-exception chain, has SQLState {@code 23505}.
 *
 * <p>On H2 a lost append race surfaces as a {@code JdbcBatchUpdateException} with SQLState 23505,
 * no cause and the integrity violation only as its next exception, which Axon's default resolver
 * (causes only) does not recognise; with this one the storage engine raises
 * {@code AggregateStreamCreationException} (sequence 0) or {@code ConcurrencyException} instead.
 */
final class DuplicateKeyResolver implements PersistenceExceptionResolver {

    /** SQL standard (and H2) SQLState for "unique constraint or primary key violated". */
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return isDuplicateKey(exception, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean isDuplicateKey(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return false;
        }
        if (failure instanceof SQLException sql) {
            if (UNIQUE_VIOLATION.equals(sql.getSQLState()) || isDuplicateKey(sql.getNextException(), seen)) {
                return true;
            }
        }
        return isDuplicateKey(failure.getCause(), seen);
    }
}
