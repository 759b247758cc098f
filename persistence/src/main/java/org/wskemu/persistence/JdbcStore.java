package org.wskemu.persistence;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * An open SQL database holding a wskemu store, its schema migrated to this build's version: the
 * embedded {@link H2Store} (the default) or a shared {@link PostgresStore}. Both hold the same
 * tables (Axon's event and token tables, the read models, the timeline's checkpoints), each created
 * by its own vendor's Flyway migrations, and everything above them (the one reducer, checkpoints,
 * timeline, verify) is the same code.
 */
public abstract sealed class JdbcStore implements AutoCloseable permits H2Store, PostgresStore {

    /** The positions of the events this process appended and saw committed (PostgreSQL only). */
    final AppendedPositions appended = new AppendedPositions();

    /** Only the two stores of this package. */
    JdbcStore() {
    }

    /** @return where this store lives; never null */
    public abstract StoreLocation location();

    /** @return the pooled data source; connections from it are auto-commit and not thread-bound */
    public abstract DataSource dataSource();

    /** @return the thread-bound transaction manager of this store (Axon's terms: package-private); never null */
    abstract JdbcTransactionManager transactionManager();

    /** {@return whether the store was opened read-only, for a query: nothing is written, no engine is built on it} */
    abstract boolean readOnly();

    /** @return the thread-bound connection inside a transaction, else a fresh auto-commit one */
    ConnectionProvider connectionProvider() {
        return transactionManager().connectionProvider();
    }

    /** Closes the store's connections; closing twice does nothing. */
    @Override
    public abstract void close();
}
