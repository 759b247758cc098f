package org.wskemu.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.wskemu.api.text.SafeText;
import org.wskemu.engine.explore.Shrinker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu shrink FILE|- [--call LINE] [-o OUT]} (SESSION-FORMAT.md "Interleavings"): the smallest
 * session (1-minimal, by delta debugging) in which one call keeps its status: the first divergence of the
 * file's replay, or the call at {@code --call LINE}. Decided in memory (no store is opened or created).
 * The kept lines are the input's, verbatim and in order (comments and blank lines go), so the kept call
 * keeps its own {@code expect}. {@code N call lines -> M call lines} goes to standard error when the
 * session goes to standard output, else to standard output. Exit 0 shrank or already minimal, 1 no
 * divergence to keep (and no {@code --call}), 2 bad input.
 */
@Command(name = "shrink", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Remove every line of a session that one call's status does not need (in memory; the store "
                + "is not touched): by default the first divergence of its replay, or the call at --call LINE.")
final class ShrinkCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The session file; - reads it from standard input.")
    Path file;

    @Option(names = "--call", paramLabel = "LINE",
            description = "Keep the status of the call at this line of FILE (default: the first divergence).")
    Integer call;

    @Option(names = "-o", paramLabel = "OUT", description = "Write the smaller session to OUT (default: standard output).")
    Path output;

    @Override
    public Integer call() throws IOException {
        SessionText text = SessionText.read(file, parent.stdin);
        PrintWriter err = spec.commandLine().getErr();
        if (!text.session().isValid()) {
            text.session().faults().forEach(err::println);
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        Optional<Shrinker.Shrunk> shrunk;
        try {
            shrunk = Shrinker.shrink(file.toString(), text.lines(), parent.global.profile, call);
        } catch (Shrinker.NotACall e) {
            throw new UserError(ExitCode.BAD_INPUT, file + ": --call " + call + ": " + e.getMessage());
        }
        if (shrunk.isEmpty()) {
            Human.line(err, file + ": no call diverges from its expect in the file's replay: nothing to keep "
                    + "(name a call with --call LINE)");
            err.flush();
            return ExitCode.DIVERGED;
        }
        Shrinker.Shrunk result = shrunk.get();
        String summary = String.format("%d call lines -> %d call lines (line %d keeps %s; it is line %d of the result)",
                result.callsBefore(), result.callsAfter(), result.line(), result.status().fullName(), result.lineAfter());
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            for (String line : result.lines()) {
                // verbatim unless it holds a character a terminal would act on: then the same JSON, escaped
                out.println(SafeText.isSafe(line) ? line : Json.line(Json.MAPPER.readTree(line)));
            }
            out.flush();
            Human.line(err, summary);
            err.flush();
        } else {
            write(output, String.join("\n", result.lines()) + "\n");
            Human.line(out, summary);
            out.flush();
        }
        return ExitCode.OK;
    }

    /** Writes OUT through a temporary file beside it, as import does, so a reader never sees half a session. */
    private static void write(Path output, String text) throws IOException {
        Path target = output.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserError(ExitCode.BAD_INPUT, output + ": cannot write: no such directory");
        }
        Path temp = Files.createTempFile(dir, ".wskemu-shrink-", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
