package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Queries never write: every reading command opens the store read-only, so the store directory's
 * files (names and bytes) are the same after it as before, on a store long enough that a seek
 * would once have saved timeline checkpoints.
 */
class QueriesNeverWriteTest {

    @TempDir
    static Path temp;
    private static Path store;
    private static Path session;

    @BeforeAll
    static void aStoreWithALongRun() {
        session = Cli.session(temp.resolve("long.wsk.jsonl"), LongSession.lines(1_500, 0x0DD5EEDL));
        store = temp.resolve("store");
        Cli.ok("--store", store.toString(), "run", session.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"state", "state --json", "state --at 1", "state --at 1700", "state --at 1200 --json",
            "history", "history --json", "history --runs", "explain 5", "explain 1700", "audit", "audit --csv",
            "report --html", "compare SESSION", "verify"})
    void aReadingCommandLeavesTheStoreFilesByteIdentical(String command) throws IOException {
        Map<String, byte[]> before = files(store);
        List<String> args = new ArrayList<>(List.of("--store", store.toString()));
        for (String word : command.split(" ")) {
            args.add(word.equals("SESSION") ? session.toString() : word);
        }

        Cli.Result result = Cli.run(args.toArray(String[]::new));

        assertTrue(result.exit() == 0 || result.exit() == 1 && command.startsWith("compare"), result::toString);
        assertTrue(!result.out().isEmpty(), "an answer: " + result);
        Map<String, byte[]> after = files(store);
        assertEquals(before.keySet(), after.keySet(), command + ": the same files");
        for (String name : before.keySet()) {
            assertArrayEquals(before.get(name), after.get(name), command + ": the bytes of " + name);
        }
    }

    private static Map<String, byte[]> files(Path directory) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.list(directory)) {
            for (Path file : all.toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
