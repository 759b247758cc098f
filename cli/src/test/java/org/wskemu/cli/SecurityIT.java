package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What wskemu must never do to the machine it runs on: open a network socket (its H2 database is
 * embedded, no TCP or web server, and Axon's update checker is off), leave its store readable by
 * others, or let the store path smuggle settings into H2's connection URL.
 */
@EnabledOnOs(OS.LINUX) // /proc
class SecurityIT {

    @TempDir
    static Path temp;

    /** What the child JVM's run showed while it was alive, and the classes it loaded. */
    static List<String> inetSockets;
    static int socketsSeen;
    static List<String> classesLoaded;
    static Path store;

    /**
     * Runs a 3,000-call session in a child JVM and, once it has printed its first call (store open,
     * engine running), lists the sockets among its open file descriptors that are TCP or UDP, IPv4 or
     * IPv6, in any state: {@code /proc/PID/fd} gives the socket inodes, {@code /proc/PID/net/tcp},
     * {@code tcp6}, {@code udp}, {@code udp6} the inet sockets of its network namespace by inode.
     */
    @BeforeAll
    static void runAChildAndLookAtItsSockets() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "a /proc file system");
        Path session = LongSession.write(temp.resolve("session.wsk.jsonl"), 3_000, 5L);
        store = temp.resolve("store");
        Path classes = temp.resolve("classes.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Daxoniq.update-checker.disabled=true",
                "-Xlog:class+load=info:file=" + classes, "-XX:TieredStopAtLevel=1", Wskemu.class.getName(),
                "--store", store.toString(), "run", session.toString())
                .redirectError(temp.resolve("child.err").toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.contains("STATUS_SUCCESS"), () -> "the run did not start: " + first);
            Set<String> inodes = socketInodes(child.pid());
            socketsSeen = inodes.size();
            inetSockets = new ArrayList<>();
            for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
                inetSockets.addAll(entriesFor(Path.of("/proc", Long.toString(child.pid()), "net", table), inodes, table));
            }
            out.transferTo(java.io.Writer.nullWriter());
        } finally {
            if (!child.waitFor(5, TimeUnit.MINUTES)) {
                child.destroyForcibly();
            }
        }
        assertEquals(0, child.exitValue(), () -> read(temp.resolve("child.err")));
        classesLoaded = Files.readAllLines(classes);
    }

    @Test
    void aRunOpensNoNetworkSocket() {
        assertEquals(List.of(), inetSockets, "TCP or UDP sockets of the wskemu process (of " + socketsSeen + " sockets)");
    }

    @Test
    void noServerOfH2NorAnyServerSocketIsEverLoaded() {
        assertTrue(classesLoaded.size() > 1_000, "the class log was written: " + classesLoaded.size() + " lines");
        assertTrue(classesLoaded.stream().anyMatch(l -> l.contains("org.h2.mvstore.MVStore ")), "H2 itself was loaded");
        List<String> servers = classesLoaded.stream()
                .filter(l -> l.contains("org.h2.server.") || l.contains("org.h2.tools.Server ")
                        || l.contains("java.net.ServerSocket ") || l.contains("sun.nio.ch.ServerSocketChannelImpl ")
                        || l.contains("java.net.HttpURLConnection ") || l.contains("java.net.http."))
                .toList();
        assertEquals(List.of(), servers);
    }

    @Test
    void theStoreDirectoryAndEveryFileInItAreOwnerOnly() throws IOException {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
        try (Stream<Path> files = Files.list(store)) {
            for (Path file : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file::toString);
            }
        }
    }

    /**
     * H2 reads settings after a ';' in its URL ({@code ;INIT=RUNSCRIPT FROM '...'} runs SQL); the
     * store path goes into that URL, so a path with a ';' is refused, before anything is created.
     */
    @Test
    void aStorePathCannotCarryH2Settings() {
        Path injected = temp.resolve("s;INIT=CREATE TABLE injected(x INT)");

        Cli.Result result = Cli.run("--store", injected.toString(), "run", Cli.QUICKSTART.toString());

        Cli.assertOneLineError(3, result);
        assertEquals("wskemu: store " + injected + " has a ';' in its path, which H2 cannot open", result.errLines().get(0));
        assertFalse(Files.exists(injected), "nothing is created for a refused store");
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing: not a socket held open
                }
            }
        }
        return inodes;
    }

    /** The lines of a /proc/net table whose inode (10th column) is one of {@code inodes}. */
    private static List<String> entriesFor(Path table, Set<String> inodes, String name) throws IOException {
        List<String> found = new ArrayList<>();
        if (!Files.exists(table)) {
            return found;
        }
        Pattern fields = Pattern.compile("\\s*\\S+\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\d+).*");
        for (String line : Files.readAllLines(table).subList(1, Files.readAllLines(table).size())) {
            Matcher m = fields.matcher(line);
            if (m.matches() && inodes.contains(m.group(4))) {
                found.add(name + " local " + m.group(1) + " remote " + m.group(2) + " state " + m.group(3));
            }
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
