package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A command builds only its own part of the command line (issue #22: every command first built
 * picocli's model of every subcommand). Every test run through {@code Cli} builds its command line
 * as {@code main} does, so the whole suite checks that each command behaves the same with only its
 * own model; this test checks which models are built.
 */
class LazySubcommandsTest {

    static Set<String> built(String... args) {
        return Wskemu.commandLine(new ByteArrayInputStream(new byte[0]), args).getSubcommands().keySet();
    }

    @Test
    void aCommandNamedBuildsOnlyItsOwnModel() {
        assertEquals(Set.of("state"), built("state"));
        assertEquals(Set.of("state"), built("--store", "run", "state", "--json"), "the store's value is not the command");
        assertEquals(Set.of("run"), built("--debug", "--profile", "wsk", "run", "x.wsk.jsonl"));
        assertEquals(Set.of("verify"), built("--store=mem", "verify"));
    }

    @Test
    void helpAnUnknownCommandOrNoneBuildEveryModel() {
        int all = Wskemu.SUBCOMMANDS.size();
        for (List<String> args : List.of(List.<String>of(), List.of("help"), List.of("statee"), List.of("--help"),
                List.of("--version", "--help"))) {
            assertEquals(all, built(args.toArray(String[]::new)).size(), () -> "wskemu " + args);
        }
    }

    @Test
    void theVersionAloneBuildsNoModelAndPrintsTheSameLine() {
        assertEquals(Set.of(), built("--version"));
        Cli.Result lean = Cli.run("--version");
        assertEquals(0, lean.exit(), lean::toString);
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine full = Wskemu.commandLine();
        full.setOut(new java.io.PrintWriter(out, true));
        assertEquals(0, full.execute("--version"));
        assertEquals(out.toString(), lean.out());
    }

    @Test
    void anUnknownCommandIsStillSuggestedItsNeighbour() {
        Cli.Result result = Cli.run("statee");
        assertEquals(ExitCode.BAD_INPUT, result.exit(), result::toString);
        assertEquals(true, result.err().contains("did you mean: state"), result::toString);
    }
}
