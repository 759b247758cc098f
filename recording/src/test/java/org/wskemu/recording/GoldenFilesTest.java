package org.wskemu.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed recording imports into exactly its committed session file ({@code NAME.wsk.jsonl}
 * next to {@code NAME.trace} or {@code NAME.xml}). After a deliberate change to the output, run once
 * with {@code -Dwskemu.golden.write=true} to rewrite the session files, and review the diff.
 */
class GoldenFilesTest {

    static final Path RESOURCES = Path.of("src", "test", "resources");

    record Fixture(Format format, Path recording) {
        Path golden() {
            String name = recording.getFileName().toString();
            return recording.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".wsk.jsonl");
        }

        /** How the recording is named in the session's comments: relative, so the files do not depend on the checkout. */
        String displayName() {
            return RESOURCES.relativize(recording).toString().replace('\\', '/');
        }

        @Override
        public String toString() {
            return displayName();
        }
    }

    static Stream<Fixture> fixtures() throws IOException {
        return Stream.concat(list(Format.WINE, "wine", ".trace"), list(Format.TRACERPT_XML, "tracerpt", ".xml"));
    }

    private static Stream<Fixture> list(Format format, String dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(RESOURCES.resolve(dir))) {
            List<Fixture> found = files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .filter(f -> !f.getFileName().toString().startsWith("hostile-")).sorted()
                    .map(f -> new Fixture(format, f)).toList();
            return found.stream();
        }
    }

    static String imported(Fixture fixture) throws Exception {
        ImportedSession session;
        try (var in = Files.newInputStream(fixture.recording())) {
            session = Importer.of(fixture.format()).read(fixture.displayName(), in, ImportOptions.NONE);
        }
        StringWriter out = new StringWriter();
        session.writeTo(out);
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void importsIntoItsCommittedSessionFile(Fixture fixture) throws Exception {
        String actual = imported(fixture);
        if (Boolean.getBoolean("wskemu.golden.write")) {
            Files.writeString(fixture.golden(), actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(fixture.golden()), () -> "no committed session file " + fixture.golden());
        assertEquals(Files.readString(fixture.golden(), StandardCharsets.UTF_8), actual);
    }
}
