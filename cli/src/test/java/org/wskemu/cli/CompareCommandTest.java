package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wskemu compare}: one session re-decided under several profiles, in memory. */
class CompareCommandTest {

    /**
     * Line 3 binds a's wildcard; line 5 (b, same user, no option) is INUSE under every profile, with
     * the profile's in-use status (both map to WSAEADDRINUSE); line 8 (c, specific, another user) is a
     * CHECK cell under wsk and win32, refused (c's user is not a's), and INUSE under win32-legacy, which
     * has no CHECK cells.
     */
    static final List<String> SESSION = List.of(
            "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
            "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
            "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\",\"expect\":\"SUCCESS\"}",
            "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
            "{\"op\":\"bind\",\"socket\":\"b\",\"address\":\"0.0.0.0:80\",\"expect\":\"WSAEADDRINUSE\"}",
            "{\"op\":\"process\",\"pid\":700,\"user\":\"S-1-5-21-1-2-3-1001\"}",
            "{\"op\":\"socket\",\"socket\":\"c\",\"category\":\"listen\",\"family\":\"inet\",\"process\":700}",
            "{\"op\":\"bind\",\"socket\":\"c\",\"address\":\"127.0.0.1:80\"}");

    @TempDir
    Path temp;

    private Path session() {
        return Cli.session(temp.resolve("s.wsk.jsonl"), SESSION);
    }

    @Test
    void oneRowPerCallWhoseOutcomeDiffersAndAColumnPerProfile() {
        String store = temp.resolve("store").toString();

        Cli.Result result = Cli.run("--store", store, "compare", session().toString());

        assertEquals(1, result.exit(), result::toString);
        List<String> lines = result.outLines();
        assertEquals(List.of("LINE", "OP", "SOCKET", "EXPECTED", "WSK", "WIN32", "WIN32-LEGACY", "DIVERGED"),
                List.of(lines.get(0).strip().split("\\s+")));
        assertEquals(5, lines.size(), result::toString);
        assertTrue(lines.get(1).matches("5\\s+bind\\s+b\\s+WSAEADDRINUSE\\s+STATUS_ADDRESS_ALREADY_EXISTS\\s+"
                + "STATUS_SHARING_VIOLATION\\s+STATUS_SHARING_VIOLATION\\s+none\\s*"), lines.get(1));
        assertTrue(lines.get(2).matches("8\\s+bind\\s+c\\s+-\\s+STATUS_ACCESS_DENIED\\s+STATUS_ACCESS_DENIED\\s+"
                + "STATUS_SHARING_VIOLATION\\s+none\\s*"), lines.get(2));
        assertEquals("8 calls, 2 differ between wsk, win32, win32-legacy", lines.get(3));
        assertEquals("recorded expectations met: wsk 2 of 2, win32 2 of 2, win32-legacy 2 of 2", lines.get(4));
    }

    @Test
    void theUsersStoreIsNeitherOpenedNorCreated() {
        Path store = temp.resolve("never");

        Cli.run("--store", store.toString(), "compare", session().toString(), "--all");

        assertFalse(Files.exists(store));
    }

    @Test
    void allShowsEveryCallAndAgreeingProfilesExitZero() {
        Cli.Result all = Cli.run("--store", "mem", "compare", session().toString(), "--all", "--profiles", "win32,win32-legacy");

        assertEquals(1, all.exit(), all::toString);
        assertEquals(1 + 8 + 2, all.outLines().size(), all::toString);
        assertTrue(all.outLines().get(3).contains("STATUS_SUCCESS 0.0.0.0:80"), all::toString);

        Path agreeing = Cli.session(temp.resolve("agree.wsk.jsonl"), SESSION.subList(0, 5));
        Cli.Result agree = Cli.ok("--store", "mem", "compare", agreeing.toString(), "--profiles", "win32,win32-legacy");
        assertEquals(List.of("5 calls, 0 differ between win32, win32-legacy",
                "recorded expectations met: win32 2 of 2, win32-legacy 2 of 2"), agree.outLines());
    }

    @Test
    void asJsonOneObjectPerRowThenASummary() {
        List<JsonNode> json = Cli.run("--store", "mem", "compare", session().toString(), "--json").json();

        assertEquals(3, json.size());
        JsonNode row = json.get(0);
        assertEquals(5, row.get("line").asInt());
        assertEquals("WSAEADDRINUSE", row.get("expected").asText());
        assertEquals("STATUS_ADDRESS_ALREADY_EXISTS", row.get("profiles").get("wsk").get("status").asText());
        // a Winsock expectation matches each profile's in-use status through the NTSTATUS -> Winsock mapping
        assertTrue(row.get("profiles").get("wsk").get("match").asBoolean());
        assertTrue(row.get("profiles").get("win32").get("match").asBoolean());
        assertEquals("0xC0000043", json.get(1).get("profiles").get("win32-legacy").get("code").asText());
        assertEquals(2, json.get(2).get("summary").get("differing").asInt());
    }

    @Test
    void aCallEveryProfileDiffersFromTheRecordingOnIsListedAndCountedPerProfile() {
        List<String> lines = new java.util.ArrayList<>(SESSION);
        // every profile refuses b's bind; the recording says it succeeded
        lines.set(4, "{\"op\":\"bind\",\"socket\":\"b\",\"address\":\"0.0.0.0:80\",\"expect\":\"SUCCESS\"}");
        Path file = Cli.session(temp.resolve("wrong.wsk.jsonl"), lines);

        Cli.Result agreeing = Cli.run("--store", "mem", "compare", file.toString(), "--profiles", "win32,win32-legacy");
        List<String> out = agreeing.outLines();
        assertTrue(out.get(1).matches("5\\s+bind\\s+b\\s+STATUS_SUCCESS\\s+STATUS_SHARING_VIOLATION\\s+STATUS_SHARING_VIOLATION\\s+all\\s*"),
                agreeing::toString);
        assertTrue(out.contains("recorded expectations met: win32 1 of 2, win32-legacy 1 of 2"), agreeing::toString);
        assertTrue(out.contains("1 call where every profile differs from the recording (DIVERGED all): line 5"),
                agreeing::toString);

        List<JsonNode> json = Cli.run("--store", "mem", "compare", file.toString(), "--json").json();
        JsonNode row = json.stream().filter(r -> r.has("line") && r.get("line").asInt() == 5).findFirst().orElseThrow();
        assertTrue(row.get("divergedEverywhere").asBoolean(), row::toString);
        assertTrue(row.get("profiles").get("wsk").get("diverged").asBoolean(), row::toString);
        JsonNode summary = json.get(json.size() - 1).get("summary");
        assertEquals(2, summary.get("expectations").asInt());
        assertEquals(1, summary.get("met").get("wsk").asInt());
        assertEquals(5, summary.get("divergedEverywhere").get(0).asInt());
    }

    @Test
    void asCsvAHeaderThenTheRows() {
        List<String> csv = Cli.run("--store", "mem", "compare", session().toString(), "--csv").outLines();

        assertEquals("line,op,socket,expected,wsk,win32,win32-legacy,diverged", csv.get(0));
        assertEquals("5,bind,b,WSAEADDRINUSE,STATUS_ADDRESS_ALREADY_EXISTS,STATUS_SHARING_VIOLATION,STATUS_SHARING_VIOLATION,none",
                csv.get(1));
        assertEquals(3, csv.size());
    }

    @Test
    void badInputIsExitTwo() {
        Cli.assertOneLineError(2, Cli.run("--store", "mem", "compare", session().toString(), "--profiles", "wsk,nt4"));
        Cli.assertOneLineError(2, Cli.run("--store", "mem", "compare", session().toString(), "--profiles", "wsk"));
        Path bad = Cli.session(temp.resolve("bad.wsk.jsonl"), List.of("{\"op\":\"bind\"}"));
        Cli.Result result = Cli.run("--store", "mem", "compare", bad.toString());
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.err().startsWith(bad + ":1: "), result::toString);
    }
}
