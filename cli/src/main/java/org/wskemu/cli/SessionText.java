package org.wskemu.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wskemu.engine.session.SessionFile;

/**
 * A session file read once ({@code FILE} or {@code -} for standard input): checked as {@code run}
 * checks it, and its lines as written, which {@code explore}'s witnesses and {@code shrink}'s output
 * keep ({@code lines().get(N - 1)} is line N; line ends and a leading byte-order mark dropped).
 */
record SessionText(SessionFile session, List<String> lines) {

    private static final int LIMIT = 64 * 1024 * 1024;

    static SessionText read(Path file, InputStream stdin) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (name.equals("-")) {
                bytes = stdin.readNBytes(LIMIT + 1);
            } else {
                if (Files.size(file) > LIMIT) {
                    return new SessionText(SessionFile.read(file), List.of());
                }
                bytes = Files.readAllBytes(file);
            }
        } catch (IOException e) {
            if (name.equals("-")) {
                throw new UserError(ExitCode.BAD_INPUT, "-: cannot read standard input: " + e.getClass().getSimpleName());
            }
            // SessionFile words the fault (no such file, permission denied) as run does
            return new SessionText(SessionFile.read(file), List.of());
        }
        SessionFile session = SessionFile.read(new ByteArrayInputStream(bytes), name);
        if (!session.isValid()) {
            return new SessionText(session, List.of());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        return new SessionText(session, List.copyOf(lines));
    }
}
