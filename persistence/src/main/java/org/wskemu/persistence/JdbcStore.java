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
public sealed interface JdbcStore extends AutoCloseable permits H2Store, PostgresStore {

    /** @return where this store lives; never null */
    StoreLocation location();

    /** @return the pooled data source; connections from it are auto-commit and not thread-bound */
    DataSource dataSource();

    /** @return the thread-bound transaction manager of this store; never null */
    JdbcTransactionManager transactionManager();

    /** @return the thread-bound connection inside a transaction, else a fresh auto-commit one */
    default ConnectionProvider connectionProvider() {
        return transactionManager().connectionProvider();
    }

    /** Closes the store's connections; closing twice does nothing. */
    @Override
    void close();
}
