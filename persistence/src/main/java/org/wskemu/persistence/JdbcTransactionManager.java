package org.wskemu.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * An Axon {@link TransactionManager} that binds one JDBC connection (auto-commit off) to the
 * current thread, so everything a thread writes inside one transaction commits or rolls back
 * together: an event append with its command, a read-model row with its token.
 *
 * <p>Axon 4 ships no JDBC transaction manager outside Spring, hence this one.
 *
 * <ul>
 *   <li>{@link #startTransaction()} on a thread that already has a transaction joins it: only the
 *       outermost transaction commits or rolls back. A joined transaction that rolls back marks the
 *       whole transaction rollback-only; the outermost {@code commit()} then rolls back and throws
 *       {@link IllegalStateException}.</li>
 *   <li>Transactions are confined to the thread that started them and must complete innermost
 *       first. After completion, {@code rollback()} does nothing and {@code commit()} throws
 *       {@link IllegalStateException}.</li>
 *   <li>{@link #connectionProvider()} hands out the thread's connection, wrapped so that
 *       {@code close()} and {@code commit()} by Axon do nothing, or, outside any transaction, a
 *       fresh auto-commit connection that the caller must close.</li>
 * </ul>
 * SQL failures on begin, commit or rollback surface as Axon's {@link JdbcException}.
 */
final class JdbcTransactionManager implements TransactionManager {

    private final DataSource dataSource;
    private final ThreadLocal<Binding> bound = new ThreadLocal<>();
    private final ConnectionProvider connectionProvider = this::connection;

    /** The longest a transaction may stay open and still commit, in nanoseconds; 0 for no limit. */
    private final long maxAgeNanos;

    /** Run on the connection after each outermost commit succeeded; a failure fails the commit. */
    private final AfterCommit afterCommit;

    /**
     * The embedded store's order of appends (null on PostgreSQL): a transaction that appends events
     * holds it from its first append until it ends, so that the engine's lanes, which write one store
     * from several threads, commit positions in the order they were handed out, and a reader of the
     * log by position never passes over an event still in flight ({@link #orderAppend}).
     */
    private final Semaphore appendOrder;

    /** How long an append waits for the one before it to end before it fails. */
    static final Duration APPEND_ORDER_WAIT = Duration.ofMinutes(5);

    /** What makes a committed transaction durable, when the database's commit alone does not. */
    @FunctionalInterface
    interface AfterCommit {
        /** @param connection the committed transaction's connection, still open */
        void run(Connection connection) throws SQLException;
    }

    /** @param dataSource where connections come from; never null */
    public JdbcTransactionManager(DataSource dataSource) {
        this(dataSource, connection -> { });
    }

    /**
     * As {@link #JdbcTransactionManager(DataSource)}, with {@code afterCommit} run after every outermost
     * commit, before the commit returns (H2 writes the committed version to its file there).
     */
    JdbcTransactionManager(DataSource dataSource, AfterCommit afterCommit) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.afterCommit = Objects.requireNonNull(afterCommit, "afterCommit");
        this.maxAgeNanos = 0;
        this.appendOrder = new Semaphore(1);
    }

    /**
     * As {@link #JdbcTransactionManager(DataSource)}, with a transaction that was open longer than
     * {@code maxAge} rolled back instead of committed (the commit throws {@link JdbcException}).
     * A shared store bounds how late an event can commit, so a reader may give up a gap in the
     * positions once it is older than that ({@link PostgresStore#GAP_TIMEOUT}).
     *
     * @param maxAge positive
     */
    JdbcTransactionManager(DataSource dataSource, Duration maxAge) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("a transaction's longest life must be positive");
        }
        this.maxAgeNanos = maxAge.toNanos();
        this.afterCommit = connection -> { };
        this.appendOrder = null; // PostgreSQL: readers stay below the horizon instead (Horizon)
    }

    /**
     * Called by the event insert before it draws positions: on the embedded store, waits until no
     * other transaction of this manager holds the order of appends, then holds it until the current
     * transaction ends (commit or rollback). Positions are thus committed in the order they are handed
     * out, whatever threads write. Does nothing outside a transaction, when the current transaction
     * holds it already, or on PostgreSQL.
     *
     * @throws JdbcException when another transaction held it for {@link #APPEND_ORDER_WAIT}
     */
    void orderAppend() {
        Binding binding = current();
        if (appendOrder == null || binding == null || binding.holdsAppendOrder) {
            return;
        }
        try {
            if (!appendOrder.tryAcquire(APPEND_ORDER_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new JdbcException("another writer of this store held its append open for "
                        + APPEND_ORDER_WAIT.toMinutes() + " minutes", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JdbcException("interrupted while waiting to append events", e);
        }
        binding.holdsAppendOrder = true;
    }

    @Override
    public Transaction startTransaction() {
        Binding binding = current();
        if (binding != null) {
            binding.depth++;
            return new Joined(binding);
        }
        Connection connection = open();
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw new JdbcException("could not begin a transaction", e);
        }
        binding = new Binding(connection);
        bound.set(binding);
        return new Outermost(binding);
    }

    /**
     * Starts a read-only transaction that sees one consistent snapshot of the whole store for as long as
     * it lasts (REPEATABLE READ): every read on this thread until it ends reads the state committed when
     * its first statement ran, the event log and the read models alike, whatever other writers commit
     * meanwhile (what {@code verify}, {@code state --at} and {@code explain} need on a shared store). It
     * is never joined to a writing transaction: called inside one, it fails.
     *
     * @return the snapshot's transaction; commit or roll it back to end it
     * @throws IllegalStateException inside another transaction of this manager
     */
    public Transaction startSnapshot() {
        if (current() != null) {
            throw new IllegalStateException("a snapshot cannot start inside another transaction");
        }
        Connection connection = open();
        int isolation;
        try {
            isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw new JdbcException("could not begin a snapshot", e);
        }
        Binding binding = new Binding(connection);
        binding.isolationAfterSnapshot = isolation;
        bound.set(binding);
        return new Outermost(binding);
    }

    /** @return whether the current thread is inside a transaction of this manager */
    public boolean isTransactionActive() {
        return current() != null;
    }

    /**
     * @return a provider of the current thread's transactional connection, or of a fresh
     *     auto-commit connection outside any transaction; never null
     */
    public ConnectionProvider connectionProvider() {
        return connectionProvider;
    }

    private Connection connection() throws SQLException {
        Binding binding = current();
        if (binding != null) {
            // Axon closes (and for some statements commits) what it gets; the binding owns both.
            return ConnectionWrapperFactory.wrap(binding.connection, new ConnectionWrapperFactory.NoOpCloseHandler());
        }
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw e;
        }
        return connection;
    }

    private Binding current() {
        Binding binding = bound.get();
        if (binding != null && binding.released) {
            bound.remove();
            return null;
        }
        return binding;
    }

    private Connection open() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new JdbcException("could not get a connection for a transaction", e);
        }
    }

    private void release(Binding binding) {
        binding.released = true;
        if (binding.holdsAppendOrder) {
            binding.holdsAppendOrder = false;
            appendOrder.release();
        }
        if (bound.get() == binding) {
            bound.remove();
        }
        try {
            binding.connection.setAutoCommit(true);
            if (binding.isolationAfterSnapshot >= 0) {
                binding.connection.setReadOnly(false);
                binding.connection.setTransactionIsolation(binding.isolationAfterSnapshot);
            }
        } catch (SQLException ignoredBecauseClosingAnyway) {
            // the pool resets the connection on close as well
        } finally {
            closeQuietly(binding.connection, null);
        }
    }

    private static void closeQuietly(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }

    /** The connection of one thread's transaction and how deeply it is joined. */
    private static final class Binding {
        final Connection connection;
        final long startedAt = System.nanoTime();
        int depth;
        boolean rollbackOnly;
        boolean released;
        boolean holdsAppendOrder;
        /** For a snapshot, the isolation its connection goes back to (-1: not a snapshot). */
        int isolationAfterSnapshot = -1;

        Binding(Connection connection) {
            this.connection = connection;
        }
    }

    /** The transaction that owns the connection: it commits, rolls back and releases it. */
    private final class Outermost implements Transaction {
        private final Binding binding;

        Outermost(Binding binding) {
            this.binding = binding;
        }

        @Override
        public void commit() {
            if (binding.released) {
                throw new IllegalStateException("the transaction has already completed");
            }
            if (binding.rollbackOnly || binding.depth > 0) {
                String why = binding.rollbackOnly ? "a joined transaction rolled back" : "a joined transaction is still open";
                rollback();
                throw new IllegalStateException("the transaction was rolled back because " + why);
            }
            if (maxAgeNanos > 0 && System.nanoTime() - binding.startedAt > maxAgeNanos) {
                rollback();
                throw new JdbcException("the transaction was rolled back: it was open longer than "
                        + Duration.ofNanos(maxAgeNanos).toSeconds() + " s, the longest a shared store allows", null);
            }
            try {
                binding.connection.commit();
            } catch (SQLException e) {
                try {
                    binding.connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                release(binding);
                throw new JdbcException("could not commit the transaction", e);
            }
            try {
                afterCommit.run(binding.connection);
            } catch (SQLException e) {
                throw new JdbcException("the transaction committed but could not be written to the store's file", e);
            } finally {
                release(binding);
            }
        }

        @Override
        public void rollback() {
            if (binding.released) {
                return;
            }
            try {
                binding.connection.rollback();
            } catch (SQLException e) {
                throw new JdbcException("could not roll back the transaction", e);
            } finally {
                release(binding);
            }
        }
    }

    /** A transaction started while one was active: it only counts down, or marks rollback-only. */
    private static final class Joined implements Transaction {
        private final Binding binding;
        private boolean completed;

        Joined(Binding binding) {
            this.binding = binding;
        }

        @Override
        public void commit() {
            if (completed) {
                throw new IllegalStateException("the transaction has already completed");
            }
            complete();
        }

        @Override
        public void rollback() {
            if (completed) {
                return;
            }
            binding.rollbackOnly = true;
            complete();
        }

        private void complete() {
            completed = true;
            binding.depth--;
        }
    }
}
