package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.bind;
import static org.wskemu.persistence.EngineSessions.close;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.events;
import static org.wskemu.persistence.EngineSessions.inMemory;
import static org.wskemu.persistence.EngineSessions.process;
import static org.wskemu.persistence.EngineSessions.set;
import static org.wskemu.persistence.EngineSessions.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.api.NtStatus;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.engine.readmodel.WarningRow;
import org.wskemu.engine.session.SessionCall;

/**
 * The store is private to its owner, embedded (no server, no listening socket), and takes user
 * input only as bound parameters.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StoreSecurityTest {

    static final List<String> HOSTILE_LABELS = List.of(
            "a'); DROP TABLE wsk_socket; --",
            "b\"; DELETE FROM wsk_decision WHERE '1'='1",
            "c' OR '1'='1",
            "d\\'; UPDATE wsk_read_model_position SET event_position = 0; --",
            "e`); SHUTDOWN; -- %_ \u00e9\u540d");
    static final String HOSTILE_GHOST = "ghost'); DROP TABLE DomainEventEntry; --";
    static final String HOSTILE_SOURCE = "src'); DROP TABLE wsk_warning; --";

    @TempDir
    Path temp;

    @Test
    void aNewStoreDirectoryAndItsFilesAreOwnerOnly() throws IOException {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Path directory = temp.resolve("parent/store");
        try (H2Storage storage = H2Storage.open(StoreLocation.directory(directory));
             WskEmulator kernel = emulator(storage, new AtomicLong())) {
            kernel.sessions().run(SessionRunner.Run.of("s", List.of(process(4, "SY"), socket("x", 4), bind("x", "0.0.0.0:80"))));
            kernel.readModels();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(files::add);
        }
        assertTrue(files.contains(directory.resolve(H2Store.DATABASE_FILE)), () -> "files " + files);
        for (Path file : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file::toString);
        }
    }

    @Test
    void theDatabaseIsEmbeddedWithoutServerOrListeningSocket() throws Exception {
        Set<Long> listeningBefore = listeningSocketsOfThisProcess();
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Set<Long> withProbe = listeningSocketsOfThisProcess();
            withProbe.removeAll(listeningBefore);
            assertEquals(1, withProbe.size(), "the check sees a listening socket of this process");
        }
        Path directory = temp.resolve("store");
        try (H2Storage file = H2Storage.open(StoreLocation.directory(directory));
             H2Storage memory = H2Storage.open(StoreLocation.memory());
             WskEmulator kernel = emulator(new SharedStoreRaceTest.SharedStorage(file), new AtomicLong())) {
            kernel.sessions().run(SessionRunner.Run.of("s", List.of(process(4, "SY"), socket("x", 4), bind("x", "0.0.0.0:80"))));
            kernel.readModels();
            String fileUrl = url(file);
            String memoryUrl = url(memory);
            assertTrue(fileUrl.startsWith("jdbc:h2:file:" + directory.toRealPath()), fileUrl);
            assertTrue(memoryUrl.startsWith("jdbc:h2:mem:"), memoryUrl);
            for (String url : List.of(fileUrl, memoryUrl)) {
                String upper = url.toUpperCase(Locale.ROOT);
                for (String remote : List.of("AUTO_SERVER", "TCP:", "SSL:", "//", "ZIP:", "SPLIT:")) {
                    assertFalse(upper.contains(remote), () -> url + " contains " + remote);
                }
            }
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                String name = thread.getName();
                assertFalse(name.startsWith("H2 TCP") || name.startsWith("H2 PG") || name.startsWith("H2 Web")
                        || name.contains("Server (tcp://"), () -> "an H2 server thread: " + name);
            }
            Set<Long> listeningNow = listeningSocketsOfThisProcess();
            listeningNow.removeAll(listeningBefore);
            assertEquals(Set.of(), listeningNow, "no new listening socket with a store open");
        }
    }

    @Test
    void hostileLabelsAndSourcesAreDataNotSql() throws Exception {
        List<SessionCall> session = new ArrayList<>(List.of(process(4, "SY"), process(700, EngineSessions.ALICE, "BU")));
        String first = HOSTILE_LABELS.get(0);
        session.addAll(List.of(
                socket(first, 4), set(first, "SO_REUSEADDR", 1), bind(first, "0.0.0.0:80"),   // SUCCESS
                socket(HOSTILE_LABELS.get(1), 700), bind(HOSTILE_LABELS.get(1), "0.0.0.0:80"),   // INUSE against the first
                socket(HOSTILE_LABELS.get(2), 700), bind(HOSTILE_LABELS.get(2), "10.0.0.1:80"),  // CHECK: ACCESS_DENIED
                set(first, "SO_REUSEADDR", 0),                                                    // after bind: a warning
                bind(HOSTILE_GHOST, "0.0.0.0:81"),                                                // never created: misuse
                socket(HOSTILE_LABELS.get(3), 4), bind(HOSTILE_LABELS.get(3), "0.0.0.0:0"),      // ephemeral
                close(HOSTILE_LABELS.get(1)),
                socket(HOSTILE_LABELS.get(4), 700), bind(HOSTILE_LABELS.get(4), "127.0.0.1:80"),
                close(HOSTILE_LABELS.get(4))));
        List<NtStatus> expectedStatuses;
        List<String> expectedEvents;
        ReadModelView expected;
        try (WskEmulator reference = inMemory(new AtomicLong())) {
            expectedStatuses = statuses(reference.sessions().run(SessionRunner.Run.of(HOSTILE_SOURCE, session)));
            expectedEvents = events(reference.log()).stream().map(StoreSecurityTest::describe).toList();
            expected = copy(reference.readModels());
        }
        assertEquals(NtStatus.ADDRESS_ALREADY_EXISTS, expectedStatuses.get(6));
        assertEquals(NtStatus.ACCESS_DENIED, expectedStatuses.get(8));

        StoreLocation location = StoreLocation.directory(temp.resolve("store"));
        H2Storage storage = H2Storage.open(location);
        try (WskEmulator kernel = emulator(storage, new AtomicLong())) {
            assertEquals(expectedStatuses, statuses(kernel.sessions().run(SessionRunner.Run.of(HOSTILE_SOURCE, session))));
            ReadModelView models = copy(kernel.readModels());
            assertSameView(expected, models, "hostile labels on H2");
            assertEquals(expectedEvents, events(kernel.log()).stream().map(StoreSecurityTest::describe).toList());
            assertEquals(HOSTILE_LABELS, models.sockets().stream().map(SocketRow::label).toList());
            assertTrue(models.decisions().stream().map(DecisionRow::decidingLabel).anyMatch(first::equals),
                    "a refusal names the hostile label it was decided against");
            assertTrue(models.warnings().stream().map(WarningRow::message).anyMatch(m -> m.contains(HOSTILE_GHOST)),
                    "the misuse's message keeps the hostile label");
            for (String table : List.of("wsk_socket", "wsk_decision", "wsk_warning", "wsk_ownership", "DomainEventEntry")) {
                assertTrue(RestartTest.count(storage, table) > 0, table + " is still there and filled");
            }
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
        }
        try (WskEmulator kernel = emulator(H2Storage.open(location), new AtomicLong(1_000))) {
            assertSameView(expected, copy(kernel.readModels()), "after reopening");
            assertSameView(expected, copy(kernel.rebuild()), "after a rebuild");
        }
    }

    private static List<NtStatus> statuses(SessionRunner.Result result) {
        return result.reports().stream().map(SessionRunner.Report::status).toList();
    }

    private static String describe(LoggedEvent event) {
        return event.position() + " " + event.event();
    }

    private static String url(H2Storage storage) throws Exception {
        try (Connection connection = storage.store().dataSource().getConnection()) {
            return connection.getMetaData().getURL();
        }
    }

    /** Inodes of the TCP sockets this process holds in LISTEN state (Linux /proc). */
    private static Set<Long> listeningSocketsOfThisProcess() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds) && Files.isReadable(Path.of("/proc/net/tcp")), "Linux /proc");
        Set<Long> ours = new HashSet<>();
        Pattern socket = Pattern.compile("socket:\\[(\\d+)]");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
            for (Path fd : entries) {
                try {
                    Matcher m = socket.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        ours.add(Long.parseLong(m.group(1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        Set<Long> listening = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length > 9 && columns[3].equals("0A") && ours.contains(Long.parseLong(columns[9]))) {
                    listening.add(Long.parseLong(columns[9]));
                }
            }
        }
        return listening;
    }
}
