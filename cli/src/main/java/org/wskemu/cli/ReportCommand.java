package org.wskemu.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.wskemu.persistence.StoreLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu report --html [-o FILE]}: the store as one self-contained HTML page an auditor can
 * hand on: per run a timeline with a lane per port, every call linked to its explanation, the flags,
 * the audit table and the warnings, the store and the profile. No network reference of any kind.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Write the store as one self-contained HTML page: per run a timeline with a lane per port, "
                + "every decision linked to its explanation, the flags, the audit table, the profile and the store.")
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--html", required = true,
            description = "HTML (the only format so far; required, so that another can be added).")
    boolean html;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the page to FILE (replaced whole, or left untouched on failure) instead of stdout.")
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
        try (Machine.Query kernel = Machine.query(parent.global, spec)) {
            if (target == null) {
                PrintWriter out = spec.commandLine().getOut();
                page(kernel, out);
            } else {
                write(target, kernel);
            }
        }
        return ExitCode.OK;
    }

    /** Writes the page, run by run (issue #22: never held whole). */
    private void page(Machine.Query kernel, Writer out) throws UncheckedIOException {
        try {
            ReportReader.write(kernel.readModels(), kernel.log(), Machine.describe(parent.global), location(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store's absolute path, or null for {@code mem}. */
    private String location() {
        // Machine.openExisting has parsed it already; a malformed one never gets here
        return StoreLocation.parse(parent.global.store) instanceof StoreLocation.Directory directory
                ? directory.path().toAbsolutePath().normalize().toString() : null;
    }

    /**
     * Writes beside the target, then moves over it: a reader sees the old page or the new one, never
     * half. The partial file is created as any new file is (the umask decides who may read it: a
     * report is made to be handed on), never over an existing one.
     */
    private void write(Path target, Machine.Query kernel) {
        Path partial = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        boolean moved = false;
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                page(kernel, out);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, "-o " + output + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(partial); // a store that failed mid-page leaves no partial file either
                } catch (IOException cleanup) {
                    // the refusal above (or the store's failure) is what the user needs to see
                }
            }
        }
    }
}
