package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SESSION-FORMAT.md: a command that only reads refuses a store that does not exist (one line naming
 * the path, exit 3, nothing created); only {@code run} creates a store. {@code --profile} given to a
 * command that reads recorded decisions is refused (exit 2) rather than silently ignored.
 */
class ReadCommandsNeedAStoreTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "wskemu --store MISSING {0}")
    @ValueSource(strings = {"state", "state --json", "history", "history --runs", "explain 1", "audit", "audit --csv",
            "verify", "rebuild"})
    void aMistypedStoreIsRefusedAndNothingIsCreated(String command) {
        Path missing = temp.resolve("nonexistent").resolve("x");

        Cli.Result result = Cli.run(args("--store", missing.toString(), command));

        Cli.assertOneLineError(3, result);
        assertEquals("wskemu: store " + missing + " does not exist; only 'wskemu run' creates a store",
                result.errLines().get(0));
        assertFalse(Files.exists(temp.resolve("nonexistent")), "not even the parent directory is created");
    }

    @ParameterizedTest(name = "wskemu --store EMPTY-DIRECTORY {0}")
    @ValueSource(strings = {"state", "verify", "audit --json"})
    void aDirectoryWithoutADatabaseIsNoStore(String command) throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));

        Cli.Result result = Cli.run(args("--store", empty.toString(), command));

        Cli.assertOneLineError(3, result);
        assertEquals("wskemu: store " + empty + " does not exist (the directory holds no wskemu.mv.db); "
                + "only 'wskemu run' creates a store", result.errLines().get(0));
        try (Stream<Path> files = Files.list(empty)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void runCreatesTheStoreThatTheReadCommandsThenRead() {
        Path store = temp.resolve("new").resolve("store");
        Cli.ok("--store", store.toString(), "run", Cli.QUICKSTART.toString());
        Cli.Result verify = Cli.ok("--store", store.toString(), "verify");
        assertTrue(verify.out().contains(" of store " + store + ": "), verify::toString);
        assertTrue(verify.out().matches("verified 8 bind decisions in \\d+ events of store .*: every decision re-derives\\R"
                + "checked \\d+ event digests: the chain holds; head digest [0-9a-f]{64}\\R"),
                verify::toString);
    }

    @ParameterizedTest(name = "wskemu {0}")
    @ValueSource(strings = {"--profile win32 state", "state --profile win32", "--profile wsk history",
            "audit --profile win32-legacy", "verify --profile wsk", "explain 3 --profile win32", "rebuild --profile wsk"})
    void profileOnAReadingCommandIsRefused(String command) {
        Path store = temp.resolve("store");
        Cli.ok("--store", store.toString(), "run", Cli.QUICKSTART.toString());

        Cli.Result result = Cli.run(args("--store", store.toString(), command));

        Cli.assertOneLineError(2, result);
        String name = Stream.of(command.split(" ")).filter(w -> w.matches("[a-z]+") && !w.startsWith("win") && !w.equals("wsk"))
                .findFirst().orElseThrow();
        assertEquals("wskemu: --profile does not apply to '" + name + "': it reads recorded decisions, each made under "
                + "its own profile", result.errLines().get(0));
    }

    @Test
    void memoryNamesNoPathAndOpensAnEmptyMachine() {
        assertEquals(List.of("no live bindings (store mem)"), Cli.ok("--store", "mem", "state").outLines());
    }

    private static String[] args(String option, String value, String command) {
        List<String> args = new ArrayList<>(List.of(option, value));
        args.addAll(List.of(command.split(" ")));
        return args.toArray(String[]::new);
    }
}
