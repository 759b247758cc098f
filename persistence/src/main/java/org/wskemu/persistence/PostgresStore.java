package org.wskemu.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A store in a database on a PostgreSQL server, which many wskemu processes on many machines may
 * share: Axon's JDBC event storage engine on it, the same read models, checkpoints and timeline as
 * the embedded H2 store, its schema created and migrated by this vendor's Flyway migrations
 * ({@code db/migration/wskemu-postgresql}; Flyway takes PostgreSQL's advisory lock, so processes
 * starting together migrate one after the other).
 *
 * <p>Connections come from a HikariCP pool: each costs a TCP (and TLS) handshake and an
 * authentication, and a pool that validates and replaces connections the server dropped is what a
 * shared server needs (H2 keeps its own embedded pool). The credentials are the URL's
 * {@code user}/{@code password} or the environment's {@code PGUSER}/{@code PGPASSWORD} (the
 * operating system user when neither names a user); they go to the driver as properties, never
 * into a URL, a message or the store.
 *
 * <p>Every connection runs with {@code idle_in_transaction_session_timeout} (the server ends the
 * transaction of a writer that stopped, or was killed, in the middle of it) and
 * {@code statement_timeout}, and the transaction manager refuses to commit a transaction older than
 * {@link #MAX_TRANSACTION}: together they bound how late an event can commit after its position was
 * handed out, which is what lets the read models' gap-aware token give a gap up after
 * {@link #GAP_TIMEOUT} without ever dropping a late event.
 */
public final class PostgresStore extends JdbcStore {

    /** Where this build's PostgreSQL migrations are on the class path. */
    static final String MIGRATIONS = "classpath:db/migration/wskemu-postgresql";
    /** The longest a writing transaction may stay open and still commit. */
    static final Duration MAX_TRANSACTION = Duration.ofMinutes(5);
    /** The server ends a transaction whose client sent nothing for this long. */
    static final Duration IDLE_IN_TRANSACTION = Duration.ofMinutes(1);
    /** The server cancels a statement that runs this long. */
    static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(5);
    /**
     * [emulator choice] How old the event after a gap in the positions must be before the read
     * models give the gap up as a rolled-back append: one hour, far above the longest a transaction
     * can live ({@link #MAX_TRANSACTION} plus {@link #IDLE_IN_TRANSACTION} plus
     * {@link #STATEMENT_TIMEOUT}, 11 minutes), leaving 49 minutes for the clocks of the writing
     * machines to differ (Axon compares the event's time, taken by its writer, with the reader's
     * clock). Axon's default, 60 s, could drop an event whose transaction was merely slow.
     */
    static final Duration GAP_TIMEOUT = Duration.ofHours(1);
    private static final int MAX_CONNECTIONS = 16;

    private final StoreLocation.Postgres location;
    private final HikariDataSource pool;
    private final JdbcTransactionManager transactionManager;
    /** Whether every connection is read-only ({@link #openReadOnly}): a query's store. */
    private final boolean readOnly;
    private boolean closed;

    private PostgresStore(StoreLocation.Postgres location, HikariDataSource pool) {
        this(location, pool, false);
    }

    private PostgresStore(StoreLocation.Postgres location, HikariDataSource pool, boolean readOnly) {
        this.readOnly = readOnly;
        this.location = location;
        this.pool = pool;
        this.transactionManager = new JdbcTransactionManager(pool, MAX_TRANSACTION);
    }

    /**
     * Opens the store in the database {@code location} names, creating wskemu's tables when
     * {@code create} and they are missing, migrating them to this build's version.
     *
     * @param location the database, its credentials and passed-through driver settings
     * @param create whether a database without wskemu's tables gets them ({@code run}), or is
     *               refused untouched (a command that only reads)
     * @return the open store; the caller closes it
     * @throws StoreException naming the store (never the credentials) when the server cannot be
     *     reached, refuses the credentials, has no such database, holds no store and {@code create}
     *     is false, or holds one newer than this build
     */
    public static PostgresStore open(StoreLocation.Postgres location, boolean create) {
        Objects.requireNonNull(location, "location");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config(location));
        } catch (RuntimeException e) {
            throw translate(location, e);
        }
        try {
            if (!create && !holdsStore(location, pool)) {
                throw StoreFailure.missing(location, "the database holds no wskemu tables");
            }
            migrate(location, pool);
            return new PostgresStore(location, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Opens the store in the database {@code location} names for a query: every connection read-only
     * (PostgreSQL refuses any write in its transactions), nothing created or migrated. A store of an
     * older schema is read as it is, or refused in one line naming the command that upgrades it.
     *
     * @param location the database, its credentials and passed-through driver settings
     * @return the open store; the caller closes it
     * @throws StoreException as {@link #open} does, and for a store no query reads as it is
     */
    public static PostgresStore openReadOnly(StoreLocation.Postgres location) {
        Objects.requireNonNull(location, "location");
        HikariDataSource pool;
        try {
            HikariConfig config = config(location);
            config.setReadOnly(true);
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw translate(location, e);
        }
        try {
            if (!holdsStore(location, pool)) {
                throw StoreFailure.missing(location, "the database holds no wskemu tables");
            }
            H2Store.refuseUnreadableSchema(location, pool);
            return new PostgresStore(location, pool, true);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariConfig config(StoreLocation.Postgres location) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("wskemu");
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(location.jdbcUrl());
        String user = location.user() != null ? location.user() : System.getenv("PGUSER");
        config.setUsername(user != null && !user.isEmpty() ? user : System.getProperty("user.name"));
        String password = location.password() != null ? location.password() : System.getenv("PGPASSWORD");
        if (password != null) {
            config.setPassword(password);
        }
        location.parameters().forEach(config::addDataSourceProperty);
        if (!location.parameters().containsKey("ApplicationName")) {
            config.addDataSourceProperty("ApplicationName", "wskemu");
        }
        config.addDataSourceProperty("options", "-c idle_in_transaction_session_timeout=" + IDLE_IN_TRANSACTION.toMillis()
                + " -c statement_timeout=" + STATEMENT_TIMEOUT.toMillis());
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Duration.ofSeconds(15).toMillis());
        // fail at open, with the driver's reason, rather than at the first query
        config.setInitializationFailTimeout(1);
        return config;
    }

    /** Whether the database holds wskemu's tables (Flyway's history and Axon's event table). */
    private static boolean holdsStore(StoreLocation.Postgres location, DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL"
                     + " AND to_regclass('domainevententry') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw translate(location, e);
        }
    }

    private static void migrate(StoreLocation.Postgres location, DataSource dataSource) {
        if (H2Store.isCurrent(dataSource)) {
            return; // nothing to migrate: Flyway's scan and validation are skipped, as on H2
        }
        Flyway flyway = H2Store.flyway(dataSource, List.of(MIGRATIONS));
        try {
            H2Store.refuseNewerSchema(location, flyway.info().all());
            flyway.migrate();
        } catch (FlywayException e) {
            throw translate(location, e);
        }
    }

    /** One line naming the store and the driver's (or Flyway's) reason; never a credential. */
    static StoreException translate(StoreLocation.Postgres location, Exception failure) {
        if (failure instanceof StoreException store) {
            return store;
        }
        SQLException sql = StoreException.causes(failure).stream().filter(SQLException.class::isInstance)
                .map(SQLException.class::cast).findFirst().orElse(null);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String why = H2Store.reason(sql != null ? sql : rootCause(failure));
        if (state.startsWith("08")) {
            return StoreFailure.unreachable(location, why, failure);
        }
        if (state.equals("3D000")) {
            return StoreFailure.noDatabase(location, why, failure);
        }
        return StoreFailure.unopenable(location, why, failure);
    }

    private static Throwable rootCause(Throwable failure) {
        List<Throwable> causes = StoreException.causes(failure);
        return causes.get(causes.size() - 1);
    }

    @Override
    public StoreLocation.Postgres location() {
        return location;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    JdbcTransactionManager transactionManager() {
        return transactionManager;
    }

    @Override
    boolean readOnly() {
        return readOnly;
    }

    /** Closes the pool's connections; the database stays, with everything committed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgresStore[" + location + "]";
    }
}
