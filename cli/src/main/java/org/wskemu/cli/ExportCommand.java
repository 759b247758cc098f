package org.wskemu.cli;

import org.wskemu.api.text.SafeText;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.wskemu.persistence.StoreException;
import org.wskemu.persistence.StoreExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu export [-o FILE]}: the history as a portable JSON Lines file with every event's digest
 * and the head digest in its header (persistence's {@code StoreExport} says the format); a store whose
 * digest chain is broken is refused (exit 3) and nothing is written.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Write the history as JSON Lines: a header (format, version, store, events, head digest), "
                + "then one line per event with its stored bytes and digest.")
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE (replaced whole, or left untouched on failure) instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        Path target = output == null ? null : output.toAbsolutePath();
        if (target != null && (target.getParent() == null || !Files.isDirectory(target.getParent()))) {
            throw new UserError(ExitCode.BAD_INPUT, "-o " + output + ": no such directory " + target.getParent());
        }
        if (target != null && Files.isDirectory(target)) {
            throw new UserError(ExitCode.BAD_INPUT, "-o " + output + ": is a directory");
        }
        try (Machine.Opened opened = Machine.openExistingWithStorage(parent.global, spec)) {
            // a run that never ended is exported as it was; stderr says so (stdout is the export)
            java.io.PrintWriter err = spec.commandLine().getErr();
            Unfinished.of(opened.kernel().log()).forEach(run -> err.println(SafeText.escape("wskemu export: UNFINISHED "
                    + Unfinished.line(run))));
            err.flush();
            if (target == null) {
                // through the command's writer, as every command prints (JSON Lines are text)
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                StoreExport.write(opened.storage().store(), bytes);
                java.io.PrintWriter out = spec.commandLine().getOut();
                out.print(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
            } else {
                // beside the target, then moved over it: a reader sees the old file or the new one
                Path partial = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
                try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out);
                    StoreExport.write(opened.storage().store(), buffered);
                    buffered.flush();
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(partial);
                    throw e;
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (StoreException e) {
            throw new UserError(ExitCode.STORE, e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, "-o " + output + ": cannot write: " + e.getMessage(), e);
        }
        return ExitCode.OK;
    }
}
