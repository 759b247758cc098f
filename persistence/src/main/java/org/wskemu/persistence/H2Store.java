package org.wskemu.persistence;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * An open H2 database with its schema migrated to this build's version.
 *
 * <p>{@link #open(StoreLocation)} creates a missing store directory (owner-only where the file
 * system is POSIX), opens {@code <dir>/wskemu.mv.db} embedded (no server, no network listener),
 * refuses a store that is in use, damaged or newer than this build, and migrates an older one
 * forward with Flyway. Flyway owns the whole schema; Axon never creates tables.
 *
 * <p>A file store can be open once per JVM; a second {@code open} of the same directory while the
 * first is open throws {@link StoreException}. {@link #close()} shuts the database down and
 * releases its file lock; an in-memory store is gone after it.
 */
public final class H2Store extends JdbcStore {

    /** H2's system property listing the user classes it may load (triggers, aliases, ...). */
    static final String ALLOWED_CLASSES = "h2.allowedClasses";
    /** A class name that exists nowhere: allows none. */
    static final String NO_USER_CLASS = "org.wskemu.persistence.NoUserCodeIsEverLoaded";

    static {
        // Issue #17: a store is a file someone may hand over, and H2 loads the classes its triggers,
        // Java aliases, aggregates and table engines name while it opens the database. No store of
        // wskemu's names one, so no class is allowed at all (H2 reads this once, when SysProperties
        // loads: this runs before wskemu first touches H2). An embedder that set it keeps its own.
        if (System.getProperty(ALLOWED_CLASSES) == null) {
            System.setProperty(ALLOWED_CLASSES, NO_USER_CLASS);
        }
    }

    /** Where this build's migrations are on the class path. */
    static final String MIGRATIONS = "classpath:db/migration/wskemu";
    /** The database file's base name: H2 adds {@code .mv.db}. */
    static final String DATABASE_NAME = "wskemu";
    static final String DATABASE_FILE = DATABASE_NAME + ".mv.db";
    static final String USER = "wskemu";

    private static final int MAX_CONNECTIONS = 16;
    // No AUTO_SERVER and no TCP/web server, ever: the database is embedded and file-locked.
    // H2's default write delay (500 ms) keeps its background writer running, and that writer is what
    // rewrites half-empty chunks and frees old ones: WRITE_DELAY=0 stops it, and the file then grows by
    // a chunk per commit that nothing reclaims (12 KB per event; see BENCHMARKS.md). Durability is
    // kept another way: every transaction's commit is followed by CHECKPOINT SYNC (DURABLE_COMMIT),
    // which writes the committed version to the file and forces it to the disk before the commit
    // returns, so a process killed right after a commit keeps it, and so does a machine that loses
    // power after it: a crash loses at most the transaction in progress, never a committed batch.
    private static final String SETTINGS = ";TRACE_LEVEL_FILE=0;LOCK_TIMEOUT=10000";
    // Issue #15, store size (see BENCHMARKS.md and RELIABILITY.md): a file store compresses its pages
    // (COMPRESS, H2's LZF; about half the live data; pages record whether they are compressed, so a
    // store written either way reads either way) and lets MVStore reuse a dead chunk's space as soon as
    // no version in use needs it (RETENTION_TIME=0) instead of 45 s after the chunk was written: H2
    // keeps chunks that long only in case the file system has not flushed what replaced them yet, and
    // DURABLE_COMMIT forces every commit to the disk before it returns. No compaction at close
    // (MAX_COMPACT_TIME=0, H2's default is 200 ms): with no retention, a close that moved chunks left,
    // once in 225 opens and closes of a new store under load, a file that the next open refused as
    // "lacks its newest data"; without that compaction, none in 225 (see RELIABILITY.md).
    static final String FILE_SETTINGS = ";COMPRESS=TRUE;RETENTION_TIME=0;MAX_COMPACT_TIME=0";
    /**
     * Writes H2's committed version to its file (MVStore's commit, as WRITE_DELAY=0 did on every
     * commit) and forces the file to the disk (fsync): H2's {@code Database.sync()}.
     */
    private static final JdbcTransactionManager.AfterCommit DURABLE_COMMIT = connection -> {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        }
    };
    // Only for memory: H2 stores DB_CLOSE_DELAY in the database file, so a file store would keep
    // it for every later opener. The anchor connection keeps either kind open while the store is.
    private static final String MEMORY_SETTINGS = ";DB_CLOSE_DELAY=-1";
    // Opens an existing file without writing it, not even at close.
    static final String READ_ONLY_SETTINGS = ";TRACE_LEVEL_FILE=0;ACCESS_MODE_DATA=r";
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    /** File stores open in this JVM, by real path: H2 would silently share a second open. */
    private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();
    /**
     * Stores whose file refused a write in this process (a full disk, a quota): such a store is closed
     * without another write ({@code SHUTDOWN IMMEDIATELY}, as a crash would), because H2 2.3 goes on
     * after a chunk its background writer could not write whole, and its next write (a small chunk that
     * fits where space was freed, with the file's header) builds on the cut one: the file then lacks its
     * newest data for good. Every commit was already forced to the disk, so nothing committed is lost.
     */
    private static final Set<StoreLocation> WRITE_FAILED = ConcurrentHashMap.newKeySet();

    /** Marks {@code location}'s store as having refused a write: it closes without writing again. */
    static void writeFailed(StoreLocation location) {
        if (location != null) {
            WRITE_FAILED.add(location);
        }
    }

    /** Whether {@code location}'s store refused a write in this process: it must not be written again. */
    static boolean writeHasFailed(StoreLocation location) {
        return WRITE_FAILED.contains(location);
    }

    private final StoreLocation location;
    private final Connection anchor;
    private final JdbcConnectionPool pool;
    private final JdbcTransactionManager transactionManager;
    private final Path lockedDirectory;
    /** Whether the database was opened read-only ({@link #openReadOnly}): nothing is ever written. */
    private final boolean readOnly;
    private boolean closed;

    private H2Store(StoreLocation location, Connection anchor, JdbcConnectionPool pool, Path lockedDirectory) {
        this(location, anchor, pool, lockedDirectory, false);
    }

    private H2Store(StoreLocation location, Connection anchor, JdbcConnectionPool pool, Path lockedDirectory,
                    boolean readOnly) {
        this.readOnly = readOnly;
        this.location = location;
        this.anchor = anchor;
        this.pool = pool;
        this.lockedDirectory = lockedDirectory;
        this.transactionManager = new JdbcTransactionManager(pool, DURABLE_COMMIT);
    }

    /**
     * Opens (creating if needed) and migrates the store.
     *
     * @param location never null
     * @return the open store; the caller closes it
     * @throws StoreException if the store is in use, damaged, newer than this build, not a
     *     directory, cannot be created or written, or cannot be migrated
     */
    public static H2Store open(StoreLocation location) {
        return open(location, List.of(MIGRATIONS));
    }

    /** As {@link #open(StoreLocation)}, with the Flyway locations to migrate from (tests add some). */
    static H2Store open(StoreLocation location, List<String> migrationLocations) {
        Objects.requireNonNull(location, "location");
        if (location instanceof StoreLocation.Directory directory) {
            return openDirectory(directory, migrationLocations);
        }
        String url = "jdbc:h2:mem:" + DATABASE_NAME + "-" + UUID.randomUUID() + MEMORY_SETTINGS;
        return openDatabase(location, url, migrationLocations, null);
    }

    private static H2Store openDirectory(StoreLocation.Directory location, List<String> migrationLocations) {
        // H2 reads its URL differently from the file system: refused before anything is created
        refuseUnreadablePath(location, location.path());
        Path directory = prepareDirectory(location);
        Path real;
        try {
            real = directory.toRealPath();
        } catch (IOException e) {
            throw StoreFailure.unresolvable(location, reason(e), e);
        }
        refuseUnreadablePath(location, real); // a link may lead to such a path
        if (!OPEN_DIRECTORIES.add(real)) {
            throw StoreFailure.alreadyOpen(location);
        }
        H2Store store = null;
        try {
            // a first open and an upgrade migrate a file of their own, put in place in one step; the work of
            // one killed at any moment is removed by every later writing open, also one killed after its
            // file was put in place but before it removed its work directory
            AtomicMigration.removeAbandonedWork(real);
            if (!probeDatabaseFile(location, real.resolve(DATABASE_FILE))) {
                AtomicMigration.create(location, real, work -> migrateIn(location, work, migrationLocations));
            } else if (refuseNewerSchemaReadOnly(location, fileUrl(real), migrationLocations)) {
                try {
                    AtomicMigration.upgrade(location, real, work -> migrateIn(location, work, migrationLocations));
                } catch (StoreException e) {
                    throw HalfMade.named(location, real, e); // read once the file is no longer locked
                }
            }
            store = openDatabase(location, fileUrl(real), migrationLocations, real);
            restrictDatabaseFiles(location, real);
            return store;
        } catch (RuntimeException e) {
            if (store != null) {
                try {
                    store.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            OPEN_DIRECTORIES.remove(real);
            throw e;
        }
    }

    /**
     * Opens an existing store read-only, for a query: H2's {@code ACCESS_MODE_DATA=r}, which opens the
     * file read-only (MVStore then takes a shared lock on it, so a writer holding the store makes this
     * refuse it as in use) and writes nothing, not even at close. Nothing is created, migrated or
     * restricted: the store's files are the same bytes afterwards, and a store on a read-only medium,
     * or on a full disk, opens. A store of schema version 4 is read as it is; an older one, or one
     * whose last migration failed, is refused in one line naming the command that upgrades it; a
     * newer one as {@link #open} refuses it. {@code mem} opens an empty store in memory.
     *
     * @param location an existing store's directory, or memory
     * @return the open store; the caller closes it
     * @throws StoreException if the store is missing, in use, damaged, newer than this build or too old
     */
    public static H2Store openReadOnly(StoreLocation location) {
        Objects.requireNonNull(location, "location");
        if (!(location instanceof StoreLocation.Directory directory)) {
            return open(location);
        }
        refuseUnreadablePath(location, directory.path());
        Path real;
        try {
            real = directory.path().toRealPath();
        } catch (IOException e) {
            throw StoreFailure.unresolvable(location, reason(e), e);
        }
        refuseUnreadablePath(location, real);
        if (!Files.isDirectory(real)) {
            throw StoreFailure.notADirectory(location);
        }
        if (!OPEN_DIRECTORIES.add(real)) {
            throw StoreFailure.alreadyOpen(location);
        }
        try {
            if (!probeDatabaseFile(location, real.resolve(DATABASE_FILE))) {
                throw StoreFailure.missing(location, "the directory holds no " + DATABASE_FILE);
            }
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(fileUrl(real) + READ_ONLY_SETTINGS);
            h2.setUser(USER);
            h2.setPassword("");
            Connection anchor = connect(location, h2);
            JdbcConnectionPool pool = JdbcConnectionPool.create(h2);
            pool.setMaxConnections(MAX_CONNECTIONS);
            try {
                refuseUserCode(location, anchor);
                refuseUnreadableSchema(location, h2);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(anchor, pool, e);
                throw e instanceof StoreException store ? store : translate(location, e);
            }
            return new H2Store(location, anchor, pool, real, true);
        } catch (RuntimeException e) {
            OPEN_DIRECTORIES.remove(real);
            throw e;
        }
    }

    /** The oldest schema version a query reads as it is (a store of version 4 has every table a query reads). */
    static final int OLDEST_READABLE_SCHEMA = 4;

    /**
     * Refuses, without writing, a schema a query cannot read as it is: a newer one (as a writer does),
     * an older one than {@link #OLDEST_READABLE_SCHEMA}, or a history with a failed migration.
     */
    static void refuseUnreadableSchema(StoreLocation location, DataSource dataSource) {
        int[] history = schemaHistory(dataSource);
        if (history != null && history[1] == history[0] && history[2] >= OLDEST_READABLE_SCHEMA
                && history[2] <= SCHEMA_VERSION) {
            return;
        }
        if (history != null && history[2] > SCHEMA_VERSION) {
            Flyway flyway = flyway(dataSource, List.of(location instanceof StoreLocation.Postgres
                    ? PostgresStore.MIGRATIONS : MIGRATIONS));
            try {
                refuseNewerSchema(location, flyway.info().all());
            } catch (FlywayException e) {
                throw translate(location, e);
            }
        }
        throw StoreFailure.refused(location, (history == null ? "it has no schema history"
                : history[1] != history[0] ? "a migration of its schema failed"
                : "its schema (version " + history[2] + ") is older than a query reads")
                + "; 'wskemu rebuild' upgrades it (a query never writes)");
    }

    /** Flyway's history: {rows, successful rows, highest version}, or null when there is none. */
    private static int[] schemaHistory(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                    + "WHERE TABLE_NAME = 'flyway_schema_history'")) {
                if (!tables.next() || tables.getInt(1) == 0) {
                    return null;
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*), SUM(CASE WHEN \"success\" THEN 1 ELSE 0 END),"
                    + " MAX(CAST(\"version\" AS INTEGER)) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
                return rs.next() ? new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)} : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    private static void closeQuietly(Connection anchor, JdbcConnectionPool pool, Exception failure) {
        try {
            anchor.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        } finally {
            pool.dispose();
        }
    }

    /**
     * Refuses a path that H2 would read as something else than the file system does. H2 2.3 reads
     * settings after a {@code ';'} in its URL ({@code INIT=} runs SQL), and turns every {@code '\\'}
     * into {@code '/'} (FilePathDisk, for Windows' sake), so on a file system whose separator is
     * {@code '/'} the database of {@code a\\b} would be written to {@code a/b}. Every other character
     * was tried through H2's own URL (printable ASCII, controls, a leading {@code ~}, names that look
     * like H2's file-system prefixes such as {@code zip:} or {@code memFS:}): an absolute, normalised
     * path with none of these two opens where the file system says.
     */
    static void refuseUnreadablePath(StoreLocation location, Path path) {
        String text = path.toString();
        if (text.indexOf(';') >= 0) {
            throw StoreFailure.unopenablePath(location, "a ';' in its path, which H2 cannot open");
        }
        if (text.indexOf('\\') >= 0 && !"\\".equals(path.getFileSystem().getSeparator())) {
            throw StoreFailure.unopenablePath(location, "a '\\' in its path, which H2 would read as a directory separator");
        }
    }

    /** Makes or migrates the database in {@code directory} (a work directory) and shuts it down. */
    private static void migrateIn(StoreLocation location, Path directory, List<String> migrationLocations) {
        openDatabase(location, fileUrl(directory), migrationLocations, null).close();
    }

    /** The JDBC URL of the file database in {@code directory}, without any settings. */
    static String fileUrl(Path directory) {
        return "jdbc:h2:file:" + directory.resolve(DATABASE_NAME);
    }

    private static H2Store openDatabase(StoreLocation location, String url, List<String> migrationLocations, Path lockedDirectory) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url + SETTINGS + (url.startsWith("jdbc:h2:file:") ? FILE_SETTINGS : ""));
        h2.setUser(USER);
        h2.setPassword("");
        Connection anchor = connect(location, h2);
        JdbcConnectionPool pool = JdbcConnectionPool.create(h2);
        pool.setMaxConnections(MAX_CONNECTIONS);
        try {
            migrate(location, pool, migrationLocations);
        } catch (RuntimeException e) {
            shutdown(anchor, pool, e);
            throw e;
        }
        return new H2Store(location, anchor, pool, lockedDirectory);
    }

    private static Path prepareDirectory(StoreLocation.Directory location) {
        Path directory = location.path();
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(directory)) {
                throw StoreFailure.notADirectory(location);
            }
        } else {
            createOwnerOnly(location, directory);
        }
        if (!Files.isWritable(directory) || !Files.isReadable(directory)) {
            throw StoreFailure.unwritable(location, readOnlyFileSystem(directory));
        }
        Path file = directory.resolve(DATABASE_FILE);
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw StoreFailure.unwritable(location, readOnlyFileSystem(directory).isEmpty()
                    ? DATABASE_FILE + " is read-only" : "the file system is read-only", null);
        }
        return directory;
    }

    private static void createOwnerOnly(StoreLocation location, Path directory) {
        try {
            Path parent = directory.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                // every missing parent owner-only too, whatever the umask (Files.createDirectories
                // would leave them 0777 under umask 000)
                createOwnerOnly(location, parent);
            }
            if (isPosix(directory)) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
                // The umask can only take permissions away, but set them exactly anyway.
                Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(directory)) {
                return; // created meanwhile by someone else: fine, it is checked like any other
            }
            throw StoreFailure.uncreatable(location, e.getFile() + " is in the way", e);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            String machine = StoreException.machineCause(e.getMessage());
            throw StoreFailure.uncreatable(location, machine != null ? machine : reason(e), e);
        }
    }

    /** {@code ": the file system is read-only"} when it is (issue #17: the cause named), else empty. */
    private static String readOnlyFileSystem(Path directory) {
        try {
            return Files.getFileStore(directory).isReadOnly() ? ": the file system is read-only" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Reads an existing database file read-only before H2 opens it for writing, because H2 2.3
     * opens a truncated file without complaint: as a new, empty database that it writes over, or
     * at an older version, silently dropping what was cut off. A file with no readable data, or
     * without the version its header names, is refused as damaged; the price is that a file whose
     * creating process died before its first write is refused too.
     *
     * @return whether there is a database file (false: the store is new)
     */
    private static boolean probeDatabaseFile(StoreLocation location, Path file) {
        try {
            if (!Files.exists(file)) {
                return false;
            }
            if (Files.size(file) == 0) {
                throw StoreFailure.damaged(location, DATABASE_FILE + " is empty", null);
            }
        } catch (IOException e) {
            throw StoreFailure.unreadable(location, reason(e), e);
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            if (store.getMapNames().isEmpty()) {
                throw StoreFailure.damaged(location, DATABASE_FILE + " holds no readable data (truncated?)", null);
            }
            // The header names the newest version written when it was last written (at every
            // clean close); finding only an older one means H2 fell back past lost data.
            long promised = DataUtils.readHexLong(store.getStoreHeader(), "version", 0);
            if (store.getCurrentVersion() < promised) {
                throw StoreFailure.damaged(location, DATABASE_FILE + " lacks its newest data (truncated?)", null);
            }
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw StoreFailure.inUse(location, e);
            }
            throw StoreFailure.damaged(location, reason(e), e);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            // A damaged chunk or header can fail MVStore's parsing with H2's DbException (a bad hex
            // field, say) or an IllegalStateException rather than an MVStoreException: reading the file
            // read-only failed, so it is damage too, not an internal error.
            throw StoreFailure.damaged(location, reason(e), e);
        }
        return true;
    }

    private static void restrictDatabaseFiles(StoreLocation location, Path directory) {
        if (!isPosix(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, DATABASE_NAME + ".*")) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(file, OWNER_FILE);
                }
            }
        } catch (IOException e) {
            throw StoreFailure.notOwnerOnly(location, reason(e), e);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * The schema version this build's migrations end at ({@code db/migration/wskemu/V<n>__*.sql}); a
     * test keeps it equal to the highest shipped migration.
     */
    static final int SCHEMA_VERSION = 5;

    /**
     * Reads the schema version of an existing database opened read-only, because H2 writes the file
     * at every read-write open and close: a store written by a newer wskemu is refused untouched.
     * A store whose history already ends at this build's version needs no Flyway scan.
     *
     * @return whether the store needs migrating (its schema is older, or its history does not validate)
     */
    static boolean refuseNewerSchemaReadOnly(StoreLocation location, String url, List<String> migrationLocations) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url + READ_ONLY_SETTINGS);
        h2.setUser(USER);
        h2.setPassword("");
        // The anchor keeps the database open while Flyway takes and returns its connections.
        try (Connection anchor = connect(location, h2)) {
            refuseUserCode(location, anchor);
            if (migrationLocations.equals(List.of(MIGRATIONS)) && isCurrent(h2)) {
                return false;
            }
            Flyway flyway = flyway(h2, migrationLocations);
            refuseNewerSchema(location, flyway.info().all());
            try {
                return !flyway.validateWithResult().validationSuccessful;
            } catch (FlywayException e) {
                return true; // the migration (on a copy) will say what is wrong
            }
        } catch (SQLException | FlywayException e) {
            throw translate(location, e);
        }
    }

    /**
     * Objects of the schema through which H2 would run code the store names: triggers, Java
     * functions (aliases, with a class or with source H2 compiles), user aggregates. wskemu's migrations
     * create none, so a store holding one was made or changed by someone else: it is refused before any
     * query of wskemu's could call it (H2's allowed classes keep it from being loaded at open).
     */
    private static final String USER_CODE = "SELECT 'trigger ' || TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS "
            + "UNION ALL SELECT 'routine ' || ROUTINE_NAME FROM INFORMATION_SCHEMA.ROUTINES "
            + "WHERE ROUTINE_SCHEMA <> 'INFORMATION_SCHEMA'";

    static void refuseUserCode(StoreLocation location, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(USER_CODE)) {
            if (rs.next()) {
                throw StoreFailure.refused(location, "it holds the "
                        + oneLine(rs.getString(1)).replace("routine ", "alias ") + " that wskemu never creates (code the store would run); "
                        + "it was not run");
            }
        }
        // An alias whose class H2 was not allowed to load lists no routine: its DDL still names it.
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SCRIPT NODATA NOSETTINGS")) {
            while (rs.next()) {
                Matcher code = USER_CODE_DDL.matcher(rs.getString(1));
                if (code.lookingAt()) {
                    throw StoreFailure.refused(location, "it holds the "
                            + code.group(1).toLowerCase(Locale.ROOT) + " " + oneLine(code.group(2))
                            + " that wskemu never creates (code the store would run); it was not run");
                }
            }
        }
    }

    private static final Pattern USER_CODE_DDL = Pattern.compile(
            "CREATE (?:FORCE )?(TRIGGER|ALIAS|AGGREGATE) (?:IF NOT EXISTS )?(?:\"?\\w+\"?\\.)?\"?(\\w+)\"?");

    private static void migrate(StoreLocation location, DataSource dataSource, List<String> migrationLocations) {
        if (migrationLocations.equals(List.of(MIGRATIONS)) && isCurrent(dataSource)) {
            // Every command opens the store: when the history already ends, successfully, at this
            // build's version there is nothing to migrate, and Flyway's scan and validation are skipped.
            return;
        }
        Flyway flyway = flyway(dataSource, migrationLocations);
        try {
            refuseNewerSchema(location, flyway.info().all());
            flyway.migrate();
        } catch (FlywayException e) {
            throw translate(location, e);
        }
    }

    static Flyway flyway(DataSource dataSource, List<String> migrationLocations) {
        return Flyway.configure(H2Store.class.getClassLoader())
                .dataSource(dataSource)
                .locations(migrationLocations.toArray(String[]::new))
                .failOnMissingLocations(true)
                // Strict: nothing applied may be unknown here, and nothing is skipped or reordered.
                .ignoreMigrationPatterns(new String[0])
                .outOfOrder(false)
                .validateOnMigrate(true)
                .baselineOnMigrate(false)
                .cleanDisabled(true)
                // Through SLF4J (silent unless the application binds it), not onto stderr.
                .loggers("slf4j")
                .load();
    }

    /** Whether the store's Flyway history is exactly this build's versions, all applied successfully. */
    static boolean isCurrent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
                if (!tables.next()) {
                    return false;
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*), SUM(CASE WHEN \"success\" THEN 1 ELSE 0 END),"
                    + " MAX(CAST(\"version\" AS INTEGER)) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
                return rs.next() && rs.getInt(1) == SCHEMA_VERSION && rs.getInt(2) == SCHEMA_VERSION
                        && rs.getInt(3) == SCHEMA_VERSION;
            }
        } catch (SQLException e) {
            return false; // let Flyway look, and report what it finds
        }
    }

    /** Checked before migrating, so a newer store is refused without one write. */
    static void refuseNewerSchema(StoreLocation location, MigrationInfo[] migrations) {
        boolean future = Arrays.stream(migrations)
                .anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED);
        if (!future) {
            return;
        }
        MigrationVersion stored = Arrays.stream(migrations)
                .filter(m -> m.getState().isApplied() && m.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .orElse(MigrationVersion.EMPTY);
        MigrationVersion known = Arrays.stream(migrations)
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .orElse(MigrationVersion.EMPTY);
        throw StoreFailure.newer(location, stored, known);
    }

    /**
     * A connection to the database. Opening an existing file replays the schema stored in it, SQL
     * wskemu did not write at that moment: an error in it (a type named {@code BKGINT} after a
     * flipped bit) is the file's damage.
     */
    private static Connection connect(StoreLocation location, JdbcDataSource h2) {
        try {
            return h2.getConnection();
        } catch (SQLException e) {
            for (Throwable t : StoreException.causes(e)) {
                if (t instanceof SQLException sql && (sql.getErrorCode() == ErrorCode.UNKNOWN_DATA_TYPE_1
                        || sql.getSQLState() != null && sql.getSQLState().startsWith("42"))) {
                    throw StoreFailure.damaged(location, "its stored schema does not read: " + reason(sql), e);
                }
            }
            throw translate(location, e);
        }
    }

    private static StoreException translate(StoreLocation location, Exception failure) {
        // damage first: a page H2 cannot read while opening (the probe reads none) comes as a
        // 'General error', a corrupted file as its own codes
        Optional<StoreException> damage = StoreException.damageIn(failure, location);
        if (damage.isPresent()) {
            return damage.get();
        }
        SQLException sql = sqlCause(failure);
        int code = sql == null ? 0 : sql.getErrorCode();
        return switch (code) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1 ->
                    StoreFailure.inUse(location, failure);
            case ErrorCode.IO_EXCEPTION_1, ErrorCode.IO_EXCEPTION_2, ErrorCode.FILE_CREATION_FAILED_1, ErrorCode.DATABASE_IS_READ_ONLY ->
                    StoreFailure.unwritable(location, reason(sql), failure);
            default -> StoreFailure.unopenable(location, reason(sql == null ? failure : sql), failure);
        };
    }

    private static SQLException sqlCause(Throwable failure) {
        return StoreException.causes(failure).stream().filter(SQLException.class::isInstance).map(SQLException.class::cast)
                .findFirst().orElse(null);
    }

    /**
     * The first line of a message, without H2's {@code [90030-232]} code suffix, control characters
     * shown as {@code ?} (a damaged file's bytes end up in H2's messages), at most 160 characters.
     */
    static String reason(Throwable failure) {
        if (failure instanceof FileSystemException fileFailure) {
            String why = fileFailure.getReason() != null ? fileFailure.getReason()
                    : failure instanceof AccessDeniedException ? "permission denied"
                    : failure instanceof NoSuchFileException ? "no such file"
                    : failure instanceof FileAlreadyExistsException ? "already exists"
                    : failure.getClass().getSimpleName();
            // the reason always shows whole: a long path is shortened in its middle instead (ENAMETOOLONG)
            return oneLine(shortened(String.valueOf(fileFailure.getFile()))) + ": " + oneLine(why);
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return oneLine(message.strip().lines().findFirst().orElse("").replaceFirst("\\s*\\[\\d+-\\d+]$", "")
                .replaceFirst(";\\s*SQL statement:$", "").replaceFirst("\\s*\\[\\d+(\\.\\d+)*/-?\\d+]$", ""));
    }

    /** A path of more than 100 characters as its first 60 and last 37, joined by {@code ...}. */
    static String shortened(String path) {
        return path.length() <= 100 ? path : path.substring(0, 60) + "..." + path.substring(path.length() - 37);
    }

    /** Text from a file or a library made fit for a one-line message: control characters as {@code ?}, 160 at most. */
    static String oneLine(String text) {
        String line = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", "?");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    /** Closes the database (whatever connections are still out) and with it the file lock. */
    private static void shutdown(Connection anchor, JdbcConnectionPool pool, Exception failure) {
        shutdown(anchor, pool, failure, false);
    }

    private static void shutdown(Connection anchor, JdbcConnectionPool pool, Exception failure, boolean immediately) {
        try (anchor; Statement statement = anchor.createStatement()) {
            if (immediately) {
                statement.execute("SHUTDOWN IMMEDIATELY");
            } else {
                statement.execute("SHUTDOWN");
            }
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                throw StoreFailure.notShutDown(reason(e), e);
            }
        } finally {
            pool.dispose();
        }
    }

    @Override
    public StoreLocation location() {
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

    @Override
    ConnectionProvider connectionProvider() {
        return transactionManager.connectionProvider();
    }

    /**
     * Shuts the database down (an in-memory store is discarded) and releases the directory.
     * Closing twice does nothing.
     *
     * @throws StoreException if H2 could not shut down cleanly
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (readOnly) {
                // the last connection closing closes the database, which writes nothing read-only
                closeQuietly(anchor, pool, new IllegalStateException("closing a read-only store"));
                return;
            }
            shutdown(anchor, pool, null, WRITE_FAILED.remove(location));
        } finally {
            if (lockedDirectory != null) {
                OPEN_DIRECTORIES.remove(lockedDirectory);
            }
        }
    }

    @Override
    public String toString() {
        return "H2Store[" + location + "]";
    }
}
