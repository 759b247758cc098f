package org.wskemu.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.wskemu.recording.Format;
import org.wskemu.recording.ImportException;
import org.wskemu.recording.ImportOptions;
import org.wskemu.recording.ImportSummary;
import org.wskemu.recording.Importer;
import org.wskemu.recording.RecordingSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu import --from FORMAT FILE [-o OUT] [--host ADDR[,ADDR...]]}: turns a real recording into a
 * session file, streaming it (neither the recording nor the session is held in memory). A malformed
 * recording gives one line {@code FILE:LINE: what is wrong} on stderr, exit 2, and nothing written (the
 * session goes through a temporary file, moved into place or copied to standard output only after a
 * complete import); a successful one prints its summary, one line, on stderr. The store is never opened.
 */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Turn a recording (a Wine +winsock trace, an ETW capture as tracerpt XML) into a session file.")
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "The recording's format: wine (WINEDEBUG=+winsock,+pid,+tid trace) or tracerpt-xml.")
    Format from;

    @Parameters(paramLabel = "FILE", description = "The recording; - reads standard input.")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the session file here (default: standard output).")
    Path output;

    @Option(names = "--user", paramLabel = "PID=SID",
            description = "The user SID of a recorded process's token (repeatable); a recording names none.")
    List<String> users = new ArrayList<>();

    @Option(names = "--default-user", paramLabel = "SID",
            description = "The user of every process --user does not name (default: the format's stated default).")
    String defaultUser;

    @Option(names = "--host", paramLabel = "ADDR[,ADDR...]", split = ",",
            description = "The recording machine's addresses (repeatable): written as a host line, so binds of "
                    + "addresses it does not own replay as INVALID_ADDRESS_COMPONENT.")
    List<String> hosts = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        ImportOptions options;
        try {
            options = ImportOptions.parse(users, Optional.ofNullable(defaultUser)).withHosts(hosts);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, e.getMessage());
        }
        Importer importer = Importer.of(from);
        Path target = output == null ? null : output.toAbsolutePath();
        Path dir = target == null ? null : target.getParent();
        if (target != null && (dir == null || !Files.isDirectory(dir))) {
            throw new UserError(ExitCode.BAD_INPUT, output + ": cannot write: no such directory");
        }
        // The session goes to a temporary file first (beside OUT, or in the temporary directory for standard
        // output): a malformed recording writes nothing, and the session is never held in memory.
        Path temp = dir != null ? Files.createTempFile(dir, ".wskemu-import-", ".tmp")
                : Files.createTempFile("wskemu-import-", ".tmp");
        try {
            ImportSummary summary;
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8))) {
                summary = file.equals("-")
                        ? importer.importTo("<stdin>", RecordingSource.of(boundedStdin()), options, out)
                        : importer.importTo(Path.of(file), options, out);
            } catch (ImportException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(e.getMessage());
                err.flush();
                return ExitCode.BAD_INPUT;
            }
            if (target == null) {
                PrintWriter out = spec.commandLine().getOut();
                try (BufferedReader in = Files.newBufferedReader(temp, StandardCharsets.UTF_8)) {
                    char[] buffer = new char[8192];
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        out.write(buffer, 0, n);
                    }
                }
                out.flush();
            } else {
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println(summary.describe());
            err.flush();
        } finally {
            Files.deleteIfExists(temp);
        }
        return ExitCode.OK;
    }

    private static byte[] boundedStdin() throws IOException {
        byte[] bytes = System.in.readNBytes((int) Importer.MAX_BYTES + 1);
        if (bytes.length > Importer.MAX_BYTES) {
            throw new UserError(ExitCode.BAD_INPUT, "<stdin>: refused: the recording is larger than 64 MiB");
        }
        return bytes;
    }

    /** Reads --from with the format's own message. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.ofCliName(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
