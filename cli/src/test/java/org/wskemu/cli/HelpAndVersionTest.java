package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} and {@code --version} on the top command and on every subcommand: exit 0, text on stdout. */
class HelpAndVersionTest {

    @ParameterizedTest(name = "wskemu {0} --help")
    @ValueSource(strings = {"", "run", "state", "history", "explain", "audit", "rebuild", "verify", "matrix"})
    void helpPrintsTheUsageOfTheCommand(String command) {
        Cli.Result result = Cli.ok(args(command, "--help"));
        String usage = "Usage: wskemu" + (command.isEmpty() ? "" : " " + command);
        assertTrue(result.out().startsWith(usage + " "), result::toString);
        assertTrue(result.out().contains("--help") && result.out().contains("--version"), result::toString);
        // issue #26: a command that reads recorded decisions refuses --profile, so its help does not offer it
        assertTrue(result.out().contains("--store") && (HelpModel.READING.contains(command)
                || result.out().contains("--profile")), result::toString);
    }

    @ParameterizedTest(name = "wskemu {0} --version")
    @ValueSource(strings = {"", "run", "state", "history", "explain", "audit", "rebuild", "verify", "matrix"})
    void versionPrintsOneLine(String command) {
        Cli.Result result = Cli.ok(args(command, "--version"));
        assertEquals(1, result.outLines().size(), result::toString);
        // built from a git checkout (a clone, CI), the commit is named; from a source archive, "commit unknown"
        String commit = java.nio.file.Files.exists(java.nio.file.Path.of("..", ".git")) ? "[0-9a-f]{7,}(-dirty)?" : "unknown";
        assertTrue(result.outLines().get(0).matches("wskemu \\d+\\.\\d+\\.\\d+\\S* \\(commit " + commit + "\\)"),
                result::toString);
    }

    @ParameterizedTest(name = "wskemu {0} --help lists the exit codes")
    @ValueSource(strings = {"", "run", "state", "history", "explain", "audit", "rebuild", "verify", "matrix", "bench"})
    void everyHelpListsTheExitCodes(String command) {
        String out = Cli.ok(args(command, "--help")).out();
        int heading = out.indexOf("Exit Codes:");
        assertTrue(heading > 0, out);
        List<String> codes = out.substring(heading).lines().skip(1).filter(l -> l.matches("  \\d   .*"))
                .map(l -> l.substring(2, 3)).toList();
        assertEquals(List.of("0", "1", "2", "3"), codes, out);
    }

    @ParameterizedTest(name = "wskemu {0}")
    @ValueSource(strings = {"statee", "audti", "verfy"})
    void aMistypedCommandGetsADidYouMean(String typo) {
        Cli.Result result = Cli.run(typo);
        Cli.assertOneLineError(2, result);
        String meant = switch (typo) {
            case "statee" -> "state";
            case "audti" -> "audit";
            default -> "verify";
        };
        assertTrue(result.err().startsWith("wskemu: Unmatched argument at index 0: '" + typo + "' (did you mean: " + meant),
                result::toString);
    }

    @ParameterizedTest(name = "wskemu {0} -h and -V")
    @ValueSource(strings = {"", "run", "matrix"})
    void shortFormsAreTheSame(String command) {
        assertEquals(Cli.ok(args(command, "--help")).out(), Cli.ok(args(command, "-h")).out());
        assertEquals(Cli.ok(args(command, "--version")).out(), Cli.ok(args(command, "-V")).out());
    }

    @Test
    void topHelpListsEveryCommand() {
        String out = Cli.ok("--help").out();
        for (String command : List.of("run", "state", "history", "explain", "audit", "rebuild", "verify", "matrix",
                "debug", "dap")) {
            assertTrue(out.lines().anyMatch(l -> l.strip().startsWith(command + " ")), () -> command + " in\n" + out);
        }
    }

    @Test
    void debugsHelpListsItsCommandsFormatted() {
        // picocli formats descriptions: a lone % leaves the text raw, with a warning on the JVM's stderr
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        String out;
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            out = Cli.ok("debug", "--help").out();
        } finally {
            System.setErr(err);
        }
        assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(out.contains("goto POSITION|line N|N%,"), out);
    }

    @Test
    void helpCommandShowsTheSubcommandsHelp() {
        assertEquals(Cli.ok("run", "--help").out(), Cli.ok("help", "run").out());
    }

    @Test
    void helpNeedsNoStoreAndMissingRequiredArgumentsDoNotStopIt() {
        Cli.Result result = Cli.ok("--store", "/nonexistent/nowhere", "explain", "--help");
        assertTrue(result.out().contains("POSITION"), result::toString);
    }

    private static String[] args(String command, String option) {
        List<String> args = new ArrayList<>();
        if (!command.isEmpty()) {
            args.add(command);
        }
        args.add(option);
        return args.toArray(String[]::new);
    }

    /** Issue #26: a reading command's help does not offer --profile (it is refused) nor say its store is created. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"state", "history", "explain", "audit", "verify", "rebuild",
            "report", "export"})
    void readingCommandsHelpOffersNoProfileAndCreatesNoStore(String command) {
        String help = Cli.ok(command, "--help").out().replaceAll("\\s+", " ");
        org.junit.jupiter.api.Assertions.assertFalse(help.contains("--profile"), help);
        org.junit.jupiter.api.Assertions.assertFalse(help.contains("created on first use"), help);
        org.junit.jupiter.api.Assertions.assertTrue(help.contains("Default: .wskemu (in the working directory)"), help);
        org.junit.jupiter.api.Assertions.assertTrue(help.contains("never created by this command"), help);
        // still parsed, and refused as before
        Cli.assertOneLineError(2, Cli.run("--store", "mem", command, "--profile", "win32"));
    }

    @Test
    void runsHelpStillOffersTheProfile() {
        org.junit.jupiter.api.Assertions.assertTrue(Cli.ok("run", "--help").out().contains("--profile=PROFILE"));
    }

    /** Issue #26: every command's --help (and so its man page, made from the same model) ends with examples. */
    @Test
    void everyCommandsHelpEndsWithExamples() {
        // the commands of this build; a command added later gets its entry in HelpModel.EXAMPLES
        assertTrue(HelpModel.EXAMPLES.keySet().containsAll(java.util.List.of("run", "state", "history", "explain", "audit",
                "rebuild", "verify", "matrix", "bench", "report", "compare", "import", "copy", "export")));
        for (String command : HelpModel.EXAMPLES.keySet()) {
            String help = Cli.ok(command, "--help").out();
            int examples = help.indexOf("Examples:");
            assertTrue(examples > 0 && help.indexOf("  wskemu ", examples) > 0, command + ": " + help);
        }
    }
}
