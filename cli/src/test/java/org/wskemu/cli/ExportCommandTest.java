package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wskemu export}: the history as JSON Lines with its digests; a broken chain is not exported. */
class ExportCommandTest {

    @TempDir
    Path temp;

    @Test
    void theHeaderCarriesTheHeadDigestAndEachEventItsDigest() throws Exception {
        String store = temp.resolve("store").toString();
        Cli.ok("--store", store, "run", Cli.QUICKSTART.toString());
        long head = Cli.ok("--store", store, "history", "--json").json().size();
        List<String> verified = Cli.ok("--store", store, "verify").outLines();
        String headDigest = verified.get(verified.size() - 1).replaceFirst(".*head digest ", "");

        List<JsonNode> lines = Cli.ok("--store", store, "export").json();

        assertEquals(head + 1, lines.size());
        JsonNode header = lines.get(0);
        assertEquals("wskemu-export", header.get("format").asText());
        assertEquals(2, header.get("version").asInt());
        assertEquals(0, header.get("chainFrom").asLong(), "a store made whole with the chain: every event is digested");
        assertEquals(head, header.get("events").asLong());
        assertEquals(headDigest, header.get("headDigest").asText());
        for (int i = 1; i < lines.size(); i++) {
            assertEquals(i, lines.get(i).get("position").asLong());
            assertTrue(lines.get(i).get("digest").asText().matches("[0-9a-f]{64}"), lines.get(i)::toString);
        }
        Path file = temp.resolve("export.jsonl");
        assertEquals("", Cli.ok("--store", store, "export", "-o", file.toString()).out());
        assertEquals(String.join("\n", Cli.ok("--store", store, "export").outLines()) + "\n", Files.readString(file));
    }

    @Test
    void aStoreWhoseChainIsBrokenIsNotExported() throws Exception {
        Path store = temp.resolve("store");
        Cli.ok("--store", store.toString(), "run", Cli.QUICKSTART.toString());
        try (Connection raw = DriverManager.getConnection("jdbc:h2:file:" + store.resolve("wskemu") + ";IFEXISTS=TRUE",
                "wskemu", ""); Statement statement = raw.createStatement()) {
            assertEquals(1, statement.executeUpdate("UPDATE DomainEventEntry SET timeStamp = REPLACE(timeStamp, 'Z', '1Z') "
                    + "WHERE globalIndex = 3"));
        }
        Path file = temp.resolve("export.jsonl");

        Cli.Result refused = Cli.run("--store", store.toString(), "export", "-o", file.toString());

        Cli.assertOneLineError(3, refused);
        assertTrue(refused.err().contains("is damaged: the event at position 3 ("), refused::toString);
        assertFalse(Files.exists(file));
        try (var files = Files.list(temp)) {
            assertEquals(List.of("store"), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
