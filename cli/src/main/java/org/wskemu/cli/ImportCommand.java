package org.wskemu.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.wskemu.recording.ImportedSession;
import org.wskemu.recording.Importer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wskemu import --from FORMAT FILE [-o OUT]}: turns a real recording into a session file.
 * The recording is read whole first; a malformed one gives one line {@code FILE:LINE: what is wrong}
 * on stderr, exit 2, and nothing written (OUT is written only after a complete read, through a
 * temporary file moved into place). The store is never opened.
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

    @Override
    public Integer call() throws IOException {
        ImportOptions options;
        try {
            options = ImportOptions.parse(users, Optional.ofNullable(defaultUser));
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.BAD_INPUT, e.getMessage());
        }
        Importer importer = Importer.of(from);
        ImportedSession session;
        try {
            session = file.equals("-") ? importer.read("<stdin>", boundedStdin(), options)
                    : importer.read(Path.of(file), options);
        } catch (ImportException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(e.getMessage());
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            StringWriter text = new StringWriter();
            session.writeTo(text);
            out.print(text);
            out.flush();
        } else {
            write(session, output);
        }
        return ExitCode.OK;
    }

    private static InputStream boundedStdin() throws IOException {
        byte[] bytes = System.in.readNBytes((int) Importer.MAX_BYTES + 1);
        if (bytes.length > Importer.MAX_BYTES) {
            throw new UserError(ExitCode.BAD_INPUT, "<stdin>: refused: the recording is larger than 64 MiB");
        }
        return new ByteArrayInputStream(bytes);
    }

    /** Writes OUT through a temporary file beside it, so a reader never sees half a session. */
    private static void write(ImportedSession session, Path output) throws IOException {
        Path target = output.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserError(ExitCode.BAD_INPUT, output + ": cannot write: no such directory");
        }
        Path temp = Files.createTempFile(dir, ".wskemu-import-", ".tmp");
        try {
            try (Writer out = new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8)) {
                session.writeTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
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
