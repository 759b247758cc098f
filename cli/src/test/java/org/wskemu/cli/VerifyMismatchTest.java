package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} exits 1 and names the decision when a recorded bind no longer re-derives. */
class VerifyMismatchTest {

    @TempDir
    Path temp;

    @Test
    void tamperedDecisionIsAMismatchWithExitOne() throws Exception {
        Path store = temp.resolve("store");
        List<JsonNode> calls = Cli.ok("--store", store.toString(), "run", "--json", Cli.QUICKSTART.toString()).json();
        long refused = calls.stream().filter(c -> c.path("line").asInt() == 18).findFirst().orElseThrow()
                .get("position").asLong();
        // Recorded under win32-legacy, first EXCL W then second NONE S is INUSE, not the DENIED on record.
        tamper(store, refused, "\"profile\":\"WSK\"", "\"profile\":\"WIN32_LEGACY\"");

        Cli.Result verified = Cli.run("--store", store.toString(), "verify");

        assertEquals(1, verified.exit(), verified::toString);
        assertEquals("", verified.err(), verified::toString);
        List<String> lines = verified.outLines();
        assertEquals(2, lines.size(), verified::toString);
        assertTrue(lines.get(0).startsWith("MISMATCH ") && lines.get(0).contains(Long.toString(refused)), lines.get(0));
        assertTrue(lines.get(1).matches("verified \\d+ bind decisions in \\d+ events of store \\S+: 1 mismatches"), lines.get(1));
    }

    /** Replaces text in the payload of the event at {@code position}, behind the store's back. */
    private static void tamper(Path store, long position, String from, String to) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:h2:file:" + store.resolve("wskemu") + ";IFEXISTS=TRUE",
                "wskemu", "")) {
            String payload;
            try (PreparedStatement read = raw.prepareStatement("SELECT payload FROM DomainEventEntry WHERE globalIndex = ?")) {
                read.setLong(1, position);
                try (ResultSet row = read.executeQuery()) {
                    assertTrue(row.next(), "no event at " + position);
                    payload = new String(row.getBytes(1), StandardCharsets.UTF_8);
                }
            }
            assertTrue(payload.contains(from), payload);
            try (PreparedStatement write = raw.prepareStatement("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?")) {
                write.setBytes(1, payload.replace(from, to).getBytes(StandardCharsets.UTF_8));
                write.setLong(2, position);
                assertEquals(1, write.executeUpdate());
            }
        }
    }
}
