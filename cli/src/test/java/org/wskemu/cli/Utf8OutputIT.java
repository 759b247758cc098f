package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract's CSV is UTF-8: a fresh JVM whose platform encoding is ASCII (LANG=C under Java 17)
 * still writes a label of another script as its UTF-8 bytes, not as {@code ?}.
 */
class Utf8OutputIT {

    @TempDir
    Path temp;

    @Test
    void csvAndJsonAreUtf8UnderAnAsciiLocale() throws IOException, InterruptedException {
        Path session = Cli.session(temp.resolve("utf8.wsk.jsonl"), List.of(
                "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
                "{\"op\":\"socket\",\"socket\":\"żółw-端口\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"żółw-端口\",\"address\":\"0.0.0.0:80\"}"));
        String store = temp.resolve("store").toString();
        assertEquals(0, wskemu("--store", store, "run", session.toString()).exit);
        Child csv = wskemu("--store", store, "state", "--csv");
        assertEquals(0, csv.exit, csv.err);
        assertTrue(csv.out.contains("\r\nżółw-端口,1,tcp,inet,0.0.0.0:80,"), csv.out);
        Child json = wskemu("--store", store, "audit", "--json");
        assertTrue(json.out.matches("(?s)\\{\"position\":\\d+,\"socket\":\"żółw-端口\",.*"), json.out);
    }

    private record Child(int exit, String out, String err) {
    }

    private Child wskemu(String... args) throws IOException, InterruptedException {
        Path out = temp.resolve("out");
        Path err = temp.resolve("err");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=US-ASCII", "-Dsun.stdout.encoding=US-ASCII", "-Dsun.stderr.encoding=US-ASCII",
                "-cp", System.getProperty("java.class.path"), Wskemu.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("LANG", "C");
        builder.environment().remove("LC_ALL");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Child(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
