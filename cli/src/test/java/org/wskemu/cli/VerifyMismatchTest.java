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
        assertEquals(5, lines.size(), verified::toString);
        // the digest names the changed event first; the decision it changed no longer re-derives
        assertTrue(lines.get(0).startsWith("DIGEST the event at position " + refused + " "), refused + ": " + lines.get(0));
        assertTrue(lines.get(1).startsWith("MISMATCH ") && lines.get(1).contains(Long.toString(refused)), lines.get(1));
        // the read models were folded as the run committed (issue #15), before the change behind the
        // store's back: they keep the decision as recorded, so they differ from the changed log
        assertTrue(lines.get(2).startsWith("READ MODELS decisions: ")
                && lines.get(2).contains("position=" + refused + ",") && lines.get(2).contains("profile=win32-legacy"),
                lines.get(2));
        assertTrue(lines.get(3).matches("verified \\d+ bind decisions in \\d+ events of store \\S+: 1 mismatches; "
                + "the read models differ from the log \\('wskemu rebuild' derives them again\\)"), lines.get(3));
        assertTrue(lines.get(4).matches("checked \\d+ event digests: the chain is broken \\(the store's bytes changed\\); "
                + "head digest [0-9a-f]{64}"), lines.get(4));
    }

    /**
     * Issue #17: a change no decision depends on (the time of an event, into another valid time) was
     * unseen; the digest chain names its position, and rebuild refuses to fold the changed log.
     */
    @Test
    void aChangeNoDecisionDependsOnIsNamedByItsDigest() throws Exception {
        Path store = temp.resolve("store");
        Cli.ok("--store", store.toString(), "run", Cli.QUICKSTART.toString());
        List<String> clean = Cli.ok("--store", store.toString(), "verify").outLines();
        assertTrue(clean.get(1).matches("checked \\d+ event digests: the chain holds; head digest [0-9a-f]{64}"), clean::toString);
        try (Connection raw = DriverManager.getConnection("jdbc:h2:file:" + store.resolve("wskemu") + ";IFEXISTS=TRUE",
                "wskemu", "");
             PreparedStatement write = raw.prepareStatement(
                     "UPDATE DomainEventEntry SET timeStamp = REPLACE(timeStamp, 'Z', '1Z') WHERE globalIndex = 7")) {
            assertEquals(1, write.executeUpdate());
        }

        Cli.Result verified = Cli.run("--store", store.toString(), "verify");

        assertEquals(1, verified.exit(), verified::toString);
        List<String> lines = verified.outLines();
        assertEquals(3, lines.size(), verified::toString);
        assertTrue(lines.get(0).startsWith("DIGEST the event at position 7 ("), lines.get(0));
        assertTrue(lines.get(1).endsWith("every decision re-derives"), lines.get(1));
        Cli.Result rebuilt = Cli.run("--store", store.toString(), "rebuild");
        Cli.assertOneLineError(3, rebuilt);
        assertTrue(rebuilt.errLines().get(0).contains("is damaged: the event at position 7 ("), rebuilt::toString);
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
