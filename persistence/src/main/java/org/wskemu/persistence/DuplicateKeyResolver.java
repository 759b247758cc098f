package org.wskemu.persistence;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon that an exception is a unique-key violation when any exception in its cause chain,
 * or in a {@link SQLException}'s next-exception chain, has SQLState {@code 23505} (or is a lost race
 * the server ended otherwise: a deadlock, {@code 40P01}, or a serialization failure, {@code 40001}).
 *
 * <p>On H2 a lost append race surfaces as a {@code JdbcBatchUpdateException} with SQLState 23505,
 * no cause and the integrity violation only as its next exception, which Axon's default resolver
 * (causes only) does not recognise; with this one the storage engine raises
 * {@code AggregateStreamCreationException} (sequence 0) or {@code ConcurrencyException} instead.
 */
final class DuplicateKeyResolver implements PersistenceExceptionResolver {

    /** SQL standard (and H2) SQLState for "unique constraint or primary key violated". */
    static final String UNIQUE_VIOLATION = "23505";
    /**
     * PostgreSQL's "deadlock detected": two batches that append to the same aggregates (hot ports) in
     * different orders each wait, in the unique index, for the other's uncommitted row; the server aborts
     * one. It is the same lost race as a unique violation (the aborted batch is rolled back whole and
     * decided again on the new state), never an error for the user.
     */
    static final String DEADLOCK = "40P01";
    /** "Could not serialize access": a transaction the server aborted for a concurrent one; retried alike. */
    static final String SERIALIZATION_FAILURE = "40001";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return isDuplicateKey(exception, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean isDuplicateKey(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return false;
        }
        if (failure instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (UNIQUE_VIOLATION.equals(state) || DEADLOCK.equals(state) || SERIALIZATION_FAILURE.equals(state)
                    || isDuplicateKey(sql.getNextException(), seen)) {
                return true;
            }
        }
        return isDuplicateKey(failure.getCause(), seen);
    }
}
