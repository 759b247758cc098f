package org.wskemu.persistence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL cluster of the tests' own, started from Debian's binaries ({@code initdb} and
 * {@code pg_ctl} under {@code /usr/lib/postgresql/<version>/bin}) in a temporary directory, on
 * 127.0.0.1 and a free port, with its Unix socket in that directory, as a non-root user (PostgreSQL
 * refuses to run as root: under root the server runs as {@code nobody}, which owns the directory).
 * One cluster serves the whole test JVM; it is stopped (and its directory deleted) when the JUnit
 * root context closes.
 *
 * <p>Under {@code CI=true} a missing PostgreSQL fails the test (CI installs Debian's
 * {@code postgresql}); elsewhere the tests that need it are skipped, saying why.
 *
 * <p>Use with {@code @ExtendWith(PostgresCluster.class)}, then {@link #freshDatabase()}.
 */
public final class PostgresCluster implements BeforeAllCallback {

    /** The cluster's superuser and its password (scram-sha-256 on TCP, as a real server asks). */
    public static final String USER = "wskemu";
    public static final String PASSWORD = "pg-" + UUID.randomUUID();

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (PostgresCluster.class) {
            if (running == null) {
                Optional<Path> bin = binaries();
                if (bin.isEmpty()) {
                    String why = "PostgreSQL's initdb is not installed (/usr/lib/postgresql/*/bin/initdb; Debian package 'postgresql')";
                    if ("true".equals(System.getenv("CI"))) {
                        throw new IllegalStateException(why + ": CI must test the PostgreSQL store");
                    }
                    assumeTrue(false, why + ": the PostgreSQL tests are skipped");
                }
                running = Running.start(bin.get());
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(PostgresCluster.class.getName(), new Stopper());
            }
        }
    }

    /**
     * Stops the server as a crash would and starts it again: every connection is cut; what was
     * committed stays (WAL), fsync being off only matters if the machine itself crashes.
     */
    public static void crashAndRestart() {
        cluster().crashAndRestart();
    }

    /** @return the port the cluster listens on, on 127.0.0.1 */
    public static int port() {
        return cluster().port;
    }

    /** @return the URL of a new, empty database, without credentials: {@code postgresql://127.0.0.1:P/DB} */
    public static String freshDatabase() {
        String name = "wskemu_test_" + DATABASES.incrementAndGet();
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return "postgresql://127.0.0.1:" + port() + "/" + name;
    }

    /** @return the URL of a new, empty database with the credentials in its query */
    public static String freshDatabaseWithCredentials() {
        return withCredentials(freshDatabase());
    }

    /**
     * @return {@code url} with the cluster's superuser: {@code ?user=} alone where the build gives the
     *         tests a password file ({@code PGPASSFILE}, which this cluster writes and the driver reads, so
     *         no password is in a URL or a process list); {@code ?user=&password=} elsewhere
     */
    public static String withCredentials(String url) {
        return PGPASS_WRITTEN ? url + "?user=" + USER : url + "?user=" + USER + "&password=" + PASSWORD;
    }

    /** @return {@code url} with {@code ?user=&password=}: a password in the URL, as a user might give it */
    public static String withPasswordInUrl(String url) {
        return url + "?user=" + USER + "&password=" + PASSWORD;
    }

    private static volatile boolean PGPASS_WRITTEN;

    /** Writes the superuser's password where {@code PGPASSFILE} says (owner-only), as libpq's ~/.pgpass reads. */
    private static void writePgpass() throws IOException {
        String file = System.getenv("PGPASSFILE");
        if (file == null || file.isBlank()) {
            return;
        }
        Path pgpass = Path.of(file);
        Files.createDirectories(pgpass.toAbsolutePath().getParent());
        Files.deleteIfExists(pgpass);
        Files.createFile(pgpass, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pgpass, "127.0.0.1:*:*:" + USER + ":" + PASSWORD + "\n", StandardCharsets.UTF_8);
        PGPASS_WRITTEN = true;
    }

    /** A JDBC connection to one database of the cluster, as the superuser. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, USER, PASSWORD);
    }

    private static Connection admin() throws SQLException {
        return connect("postgres");
    }

    private static Running cluster() {
        synchronized (PostgresCluster.class) {
            if (running == null) {
                throw new IllegalStateException("the PostgreSQL cluster is not running: @ExtendWith(PostgresCluster.class)");
            }
            return running;
        }
    }

    /** The newest installed {@code /usr/lib/postgresql/<version>/bin} that has initdb and pg_ctl. */
    static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(root)) {
            for (Path version : versions) {
                Path bin = version.resolve("bin");
                if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
                    found.add(bin);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return found.stream().max(Comparator.comparingInt(PostgresCluster::majorVersion));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Stops the cluster when the root context closes. */
    private static final class Stopper implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            synchronized (PostgresCluster.class) {
                if (running != null) {
                    running.stop();
                    running = null;
                }
            }
        }
    }

    /** A started cluster. */
    private static final class Running {
        final Path bin;
        final Path directory;
        final Path data;
        final int port;
        final boolean asNobody;

        private Running(Path bin, Path directory, int port, boolean asNobody) {
            this.bin = bin;
            this.directory = directory;
            this.data = directory.resolve("data");
            this.port = port;
            this.asNobody = asNobody;
        }

        static Running start(Path bin) {
            boolean root = "root".equals(System.getProperty("user.name"));
            Running cluster;
            try {
                Path directory = Files.createTempDirectory("wskemu-pg-");
                cluster = new Running(bin, directory, freePort(), root);
                Path passwordFile = directory.resolve("password");
                Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
                if (root) {
                    cluster.run(List.of("chown", "-R", "nobody", directory.toString()), false);
                }
                cluster.run(List.of(bin.resolve("initdb").toString(), "-D", cluster.data.toString(), "-U", USER,
                        "--pwfile=" + passwordFile, "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                        "-E", "UTF8", "--locale=C", "--no-sync"), true);
                Files.deleteIfExists(passwordFile);
                writePgpass();
                cluster.startServer();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL cluster", e);
            }
            return cluster;
        }

        /** Starts the server on the initialised data directory and waits until it accepts connections. */
        void startServer() {
            // fsync off: a test cluster need not survive the machine's crash, and 2 cores are shared
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                    "-l", directory.resolve("server.log").toString(), "-o",
                    "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c full_page_writes=off -c max_connections=200",
                    "start"), true);
        }

        /** Stops the server as a crash would (no checkpoint, sessions cut), then starts it again. */
        void crashAndRestart() {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
            startServer();
        }

        void stop() {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
            } finally {
                deleteTree(directory);
            }
        }

        /** Runs a command to its end (as nobody when asked and running as root); fails with its output. */
        private void run(List<String> command, boolean nonRoot) {
            List<String> line = new ArrayList<>();
            if (nonRoot && asNobody) {
                line.addAll(List.of("runuser", "-u", "nobody", "--"));
            }
            line.addAll(command);
            try {
                Path output = Files.createTempFile("wskemu-pg-cmd", ".log");
                try {
                    Process process = new ProcessBuilder(line).redirectErrorStream(true)
                            .redirectOutput(output.toFile()).directory(directory.toFile()).start();
                    if (!process.waitFor(120, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        throw new IllegalStateException(String.join(" ", line) + " did not finish");
                    }
                    if (process.exitValue() != 0) {
                        String log = Files.readString(output, StandardCharsets.UTF_8);
                        Path server = directory.resolve("server.log");
                        if (Files.exists(server)) {
                            log += "\n--- server.log\n" + Files.readString(server, StandardCharsets.UTF_8);
                        }
                        throw new IllegalStateException(String.join(" ", line) + " failed (" + process.exitValue() + "):\n" + log);
                    }
                } finally {
                    Files.deleteIfExists(output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }

        private static void deleteTree(Path directory) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is no test failure
            }
        }
    }
}
