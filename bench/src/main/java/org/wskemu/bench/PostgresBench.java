package org.wskemu.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.wskemu.bench.BenchReport.Row;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.persistence.JdbcStorage;
import org.wskemu.persistence.StoreException;
import org.wskemu.persistence.StoreLocation;

/**
 * The PostgreSQL figures of {@code wskemu bench --store postgresql://HOST[:PORT]/DB} (BENCHMARKS.md,
 * "PostgreSQL (issue #16)"):
 *
 * <ol>
 *   <li>replay: the bench's synthetic session run by an engine on a store in a fresh database of the
 *       server, against the same server's limit: plain JDBC batches of as many rows shaped like the
 *       engine's, inserted into the same event table of another fresh database, one commit per batch
 *       as the engine commits;</li>
 *   <li>writers: 1, 2 and 4 {@code wskemu run} processes (each its own JVM and its own generated
 *       session) writing into one fresh database at once; calls and events per second over the
 *       window the store's events span (first to last event's time stamp), summed over the writers,
 *       and the wall time of the whole group, process starts included.</li>
 * </ol>
 *
 * <p>The bench never opens a database it did not create: the database the URL names is only used to
 * {@code CREATE DATABASE wskemu_bench_<random>_<n>} (the user needs the CREATEDB privilege) and to drop
 * them again at the end, whatever happens. Credentials come from the URL's query or
 * {@code PGUSER}/{@code PGPASSWORD}; they are handed to the writer processes in their environment, never
 * on a command line, and never printed.
 */
final class PostgresBench {

    static final int[] WRITERS = {1, 2, 4};
    /** How long one group of writers may take before the bench gives up on it. */
    static final long WRITERS_TIMEOUT_MINUTES = 30;

    private final BenchOptions options;
    private final StoreLocation.Postgres server;
    private final PrintWriter log;
    private final Class<?> cli;
    private final String prefix = "wskemu_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final List<String> created = new ArrayList<>();
    private int databases;

    PostgresBench(BenchOptions options, StoreLocation.Postgres server, PrintWriter log, Class<?> cli) {
        this.options = options;
        this.server = server;
        this.log = log;
        this.cli = cli;
    }

    private void progress(String line) {
        log.println("bench: " + line);
        log.flush();
    }

    /**
     * Measures every PostgreSQL figure into the report's {@code postgres} section, then drops every
     * database it created.
     *
     * @param scratch where the writers' session files go
     * @param calls   the bench's synthetic session
     */
    void measure(Scratch scratch, List<SessionCall> calls, BenchReport report) throws Exception {
        report.put("postgres", "server", server.toString());
        try {
            report.put("postgres", "serverVersion", serverVersion());
            replayAndLimit(calls, report);
            writers(scratch, report);
        } catch (SQLException e) {
            throw new StoreException(StoreException.Reason.FAILED, "bench: PostgreSQL server " + server + ": "
                    + oneLine(e.getMessage()), e);
        } finally {
            dropAll();
        }
    }

    /**
     * Connects to the server once, so that a server that cannot be reached, or refuses the
     * credentials, fails before any figure is measured.
     *
     * @throws StoreException naming the server, never the credentials
     */
    void check() {
        try {
            progress("PostgreSQL server " + server + ", version " + serverVersion());
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            throw new StoreException(state.equals("3D000") ? StoreException.Reason.MISSING : StoreException.Reason.FAILED,
                    "bench: PostgreSQL server " + server + " cannot be used: " + oneLine(e.getMessage()), e);
        }
    }

    // ---- replay against the server's limit -------------------------------------------------------

    private void replayAndLimit(List<SessionCall> calls, BenchReport report) throws SQLException {
        int rounds = options.rounds();
        double[] callsPerSecond = new double[rounds];
        double[] eventsPerSecond = new double[rounds];
        double[] limit = new double[rounds];
        EventTable.Shape shape = null;
        int rowsPerCommit = 0;
        long events = 0;
        for (int round = 0; round < rounds; round++) {
            StoreLocation.Postgres database = freshDatabase();
            progress("PostgreSQL replay round " + (round + 1) + "/" + rounds + " (" + BenchReport.count(calls.size())
                    + " calls into " + database + ")");
            JdbcStorage storage = JdbcStorage.open(database);
            AtomicLong ids = new AtomicLong();
            try (WskEmulator kernel = WskEmulator.builder().profile(options.profile()).storage(storage)
                    .socketIds(ids::incrementAndGet).build()) {
                long start = System.nanoTime();
                kernel.sessions().run(SessionRunner.Run.of("bench-postgres", calls)
                        .withBatchSize(SessionRunner.DEFAULT_BATCH_SIZE));
                long nanos = System.nanoTime() - start;
                events = kernel.log().head();
                callsPerSecond[round] = calls.size() / Stats.seconds(nanos);
                eventsPerSecond[round] = events / Stats.seconds(nanos);
                if (shape == null) {
                    shape = EventTable.shapeOf(storage.store().dataSource());
                    int batches = (int) Math.ceil((double) calls.size() / SessionRunner.DEFAULT_BATCH_SIZE);
                    rowsPerCommit = (int) Math.max(1, Math.round((double) events / batches));
                }
            } finally {
                storage.close();
            }
            drop(database.database());
            progress("PostgreSQL append-limit round " + (round + 1) + "/" + rounds);
            limit[round] = append(shape, rowsPerCommit);
        }
        double replayEvents = Stats.median(eventsPerSecond);
        double limitRows = Stats.median(limit);
        report.put("postgres", "replayCalls", calls.size())
                .put("postgres", "replayEvents", events)
                .put("postgres", "replayCallsPerSecond", Math.round(Stats.median(callsPerSecond)))
                .put("postgres", "replayEventsPerSecond", Math.round(replayEvents))
                .put("postgres", "appendLimitRows", shape.rows().size())
                .put("postgres", "appendLimitRowsPerCommit", rowsPerCommit)
                .put("postgres", "appendLimitRowsPerSecond", Math.round(limitRows))
                .put("postgres", "replayToAppendLimit", BenchReport.round(replayEvents / limitRows, 3));
    }

    /** One round of the server's limit: the shape's rows into the event table of a fresh store. */
    private double append(EventTable.Shape shape, int rowsPerCommit) throws SQLException {
        StoreLocation.Postgres database = freshDatabase();
        JdbcStorage storage = JdbcStorage.open(database); // wskemu's tables, exactly as the engine has them
        try {
            long nanos = EventTable.append(storage.store().dataSource(), shape, rowsPerCommit, false);
            return shape.rows().size() / Stats.seconds(nanos);
        } finally {
            storage.close();
            drop(database.database());
        }
    }

    // ---- writer processes ------------------------------------------------------------------------

    private void writers(Scratch scratch, BenchReport report) throws Exception {
        int rounds = options.rounds();
        int calls = options.calls();
        double[][] callsPerSecond = new double[WRITERS.length][rounds];
        double[][] eventsPerSecond = new double[WRITERS.length][rounds];
        double[][] wallSeconds = new double[WRITERS.length][rounds];
        long[] events = new long[WRITERS.length];
        List<String> launcher = launcher();
        Path sessions = scratch.fresh("writers");
        Files.createDirectories(sessions);
        List<Path> files = new ArrayList<>();
        for (int writer = 0; writer < WRITERS[WRITERS.length - 1]; writer++) {
            files.add(WriterSession.write(sessions.resolve("writer-" + writer + ".wsk.jsonl"), writer, calls,
                    options.seed()));
        }
        for (int round = 0; round < rounds; round++) {
            for (int w = 0; w < WRITERS.length; w++) {
                int n = WRITERS[w];
                StoreLocation.Postgres database = freshDatabase();
                JdbcStorage.open(database).close(); // the store exists before they start: no writer times a migration
                progress("PostgreSQL writers round " + (round + 1) + "/" + rounds + ": " + n + " wskemu run process"
                        + (n == 1 ? "" : "es") + " of " + BenchReport.count(calls) + " calls each into " + database);
                long wall = runWriters(launcher, database, files.subList(0, n), sessions);
                Window window = window(database);
                if (window.events() == 0) {
                    throw new IllegalStateException("the writers recorded no events in " + database);
                }
                double seconds = Math.max(window.seconds(), 1e-3);
                callsPerSecond[w][round] = (double) n * calls / seconds;
                eventsPerSecond[w][round] = window.events() / seconds;
                wallSeconds[w][round] = Stats.seconds(wall);
                events[w] = window.events();
                drop(database.database());
            }
        }
        Scratch.delete(sessions);
        report.put("postgres", "writerCalls", calls);
        double[] eventRates = new double[WRITERS.length];
        for (int w = 0; w < WRITERS.length; w++) {
            String key = "writers" + WRITERS[w];
            eventRates[w] = Stats.median(eventsPerSecond[w]);
            report.put("postgres", key + "Events", events[w])
                    .put("postgres", key + "CallsPerSecond", Math.round(Stats.median(callsPerSecond[w])))
                    .put("postgres", key + "EventsPerSecond", Math.round(eventRates[w]))
                    .put("postgres", key + "WallSeconds", BenchReport.round(Stats.median(wallSeconds[w]), 2));
        }
        for (int w = 1; w < WRITERS.length; w++) {
            report.put("postgres", "writers" + WRITERS[w] + "To1", BenchReport.round(eventRates[w] / eventRates[0], 3));
        }
    }

    /**
     * The command that runs the CLI in a writer process: from its jar, or from the bench's class path.
     * Unlike the start-up figure's (C1 only, for a short query), the JVM's default compilers: a writer
     * runs a long session.
     */
    private List<String> launcher() {
        Path codeSource = Startup.codeSourceOf(cli);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Files.isRegularFile(codeSource) && codeSource.toString().endsWith(".jar")) {
            command.add("-jar");
            command.add(codeSource.toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(cli.getName());
        }
        return command;
    }

    /** Starts one {@code wskemu run} per file at once and waits for all; the wall time of the group. */
    private long runWriters(List<String> launcher, StoreLocation.Postgres database, List<Path> files, Path dir)
            throws IOException, InterruptedException {
        List<ProcessBuilder> builders = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            List<String> command = new ArrayList<>(launcher);
            command.addAll(List.of("--store", urlWithoutCredentials(database), "run", files.get(i).toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(dir.resolve("writer-" + i + ".err").toFile());
            Map<String, String> environment = builder.environment();
            String user = user();
            if (user != null) {
                environment.put("PGUSER", user);
            }
            String password = password();
            if (password != null) {
                environment.put("PGPASSWORD", password);
            }
            builders.add(builder);
        }
        List<Process> processes = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (ProcessBuilder builder : builders) {
                processes.add(builder.start());
            }
            for (int i = 0; i < processes.size(); i++) {
                Process process = processes.get(i);
                if (!process.waitFor(WRITERS_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("writer " + i + " did not finish in " + WRITERS_TIMEOUT_MINUTES + " min");
                }
                if (process.exitValue() != 0) {
                    String err = Files.readString(dir.resolve("writer-" + i + ".err"), StandardCharsets.UTF_8).strip();
                    int newline = err.indexOf('\n');
                    throw new IllegalStateException("writer " + i + " ('wskemu run') exited with status " + process.exitValue()
                            + (err.isEmpty() ? "" : ": " + (newline < 0 ? err : err.substring(0, newline))));
                }
            }
            return System.nanoTime() - start;
        } finally {
            for (Process process : processes) {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /** The events of a store and the seconds from its first event's time stamp to its last one's. */
    record Window(long events, double seconds) {
    }

    private Window window(StoreLocation.Postgres database) throws SQLException {
        try (Connection connection = connect(database.database());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*), MIN(timeStamp), MAX(timeStamp) FROM DomainEventEntry")) {
            rs.next();
            long events = rs.getLong(1);
            if (events == 0) {
                return new Window(0, 0);
            }
            // Axon writes ISO-8601 instants; the earliest and latest are compared as instants, not text
            Instant first = Instant.MAX;
            Instant last = Instant.MIN;
            try (ResultSet stamps = statement.executeQuery("SELECT timeStamp FROM DomainEventEntry")) {
                while (stamps.next()) {
                    Instant at = Instant.parse(stamps.getString(1));
                    first = at.isBefore(first) ? at : first;
                    last = at.isAfter(last) ? at : last;
                }
            }
            return new Window(events, Duration.between(first, last).toNanos() / 1e9);
        }
    }

    // ---- the server: fresh databases, dropped at the end ------------------------------------------

    private String serverVersion() throws SQLException {
        try (Connection connection = connect(server.database());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A new, empty database on the server, which the bench drops at the end. */
    private StoreLocation.Postgres freshDatabase() throws SQLException {
        String name = prefix + "_" + ++databases;
        try (Connection connection = connect(server.database()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new StoreException(StoreException.Reason.FAILED, "bench: cannot create a database of its own on "
                    + server + " (the user needs the CREATEDB privilege): " + oneLine(e.getMessage()), e);
        }
        created.add(name);
        return new StoreLocation.Postgres(server.host(), server.port(), name, server.user(), server.password(),
                server.parameters());
    }

    private void drop(String name) throws SQLException {
        try (Connection connection = connect(server.database()); Statement statement = connection.createStatement()) {
            try {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                if (!"42601".equals(e.getSQLState())) { // before PostgreSQL 13: no WITH (FORCE)
                    throw e;
                }
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
        created.remove(name);
    }

    private void dropAll() {
        for (String name : List.copyOf(created)) {
            try {
                drop(name);
            } catch (SQLException e) {
                progress("could not drop the bench's database " + name + ": " + oneLine(e.getMessage()));
            }
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        server.parameters().forEach(properties::setProperty);
        String user = user();
        properties.setProperty("user", user != null ? user : System.getProperty("user.name"));
        String password = password();
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "wskemu bench");
        String host = server.host().indexOf(':') >= 0 ? "[" + server.host() + "]" : server.host();
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + server.port() + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"), properties);
    }

    private String user() {
        String user = server.user() != null ? server.user() : System.getenv("PGUSER");
        return user == null || user.isEmpty() ? null : user;
    }

    private String password() {
        return server.password() != null ? server.password() : System.getenv("PGPASSWORD");
    }

    /** {@code postgresql://HOST:PORT/DB} with the passed-through settings, without credentials. */
    private static String urlWithoutCredentials(StoreLocation.Postgres database) {
        StringBuilder url = new StringBuilder(database.toString());
        String separator = "?";
        for (Map.Entry<String, String> parameter : database.parameters().entrySet()) {
            url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = "&";
        }
        return url.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    // ---- the table ------------------------------------------------------------------------------

    /** The PostgreSQL rows of the human table and their note. */
    void rows(BenchReport report) {
        double replay = report.number("postgres", "replayEventsPerSecond");
        report.row(new Row("replay, PostgreSQL store", BenchReport.rate(replay, "events"),
                BenchReport.rate(report.number("postgres", "appendLimitRowsPerSecond"), "rows") + " (append, same server)",
                report.number("postgres", "replayToAppendLimit"), null, null));
        report.row(new Row("replay, PostgreSQL store", BenchReport.rate(report.number("postgres", "replayCallsPerSecond"),
                "calls"), null, null, null, null));
        double one = report.number("postgres", "writers1EventsPerSecond");
        for (int n : WRITERS) {
            String key = "writers" + n;
            String figure = "PostgreSQL, " + n + " writer process" + (n == 1 ? "" : "es");
            report.row(new Row(figure, BenchReport.rate(report.number("postgres", key + "EventsPerSecond"), "events"),
                    n == 1 ? null : BenchReport.rate(one, "events") + " (1 writer)",
                    n == 1 ? null : report.number("postgres", key + "To1"), null, null));
            report.row(new Row(figure, BenchReport.rate(report.number("postgres", key + "CallsPerSecond"), "calls"),
                    null, null, null, null));
        }
        report.note(String.format("PostgreSQL %s at %s: replay of the same session in a fresh database; append limit: "
                        + "%s rows, %d per commit, into the same event table of another fresh database; writers: "
                        + "'wskemu run' processes of %s calls each, at once, into one fresh database, rates over the "
                        + "span of the store's event time stamps (wall time of 1/2/4 writers, JVM starts included: "
                        + "%.1f/%.1f/%.1f s); every database the bench created was dropped",
                report.get("postgres", "serverVersion"), server,
                BenchReport.count(report.number("postgres", "appendLimitRows")),
                (int) report.number("postgres", "appendLimitRowsPerCommit"),
                BenchReport.count(report.number("postgres", "writerCalls")),
                report.number("postgres", "writers1WallSeconds"), report.number("postgres", "writers2WallSeconds"),
                report.number("postgres", "writers4WallSeconds")));
    }
}
