package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wskemu copy --from EXPORT --to STORE} (issue #17): an export loads into a new store that
 * answers as the original and verifies clean; an export changed in any way is refused before the
 * target is created, one line naming the first faulty line, exit 3.
 */
class ImportExportTest {

    @TempDir
    Path temp;

    Path original;
    Path export;
    List<String> lines;

    @BeforeEach
    void exportAHistory() throws Exception {
        original = temp.resolve("original");
        Cli.ok("--store", original.toString(), "run", Cli.QUICKSTART.toString());
        assertEquals(1, Cli.run("--store", original.toString(), "run", Cli.QUICKSTART.toString()).exit());
        export = temp.resolve("export.jsonl");
        Cli.ok("--store", original.toString(), "export", "-o", export.toString());
        lines = Files.readAllLines(export);
    }

    @Test
    void anExportLoadsIntoANewStoreThatAnswersAsTheOriginalAndVerifiesClean() throws Exception {
        Path copy = temp.resolve("copy");

        Cli.Result loaded = Cli.ok("copy", "--from", export.toString(), "--to", copy.toString());

        assertTrue(loaded.out().startsWith("copied " + (lines.size() - 1) + " events (positions 1 to " + (lines.size() - 1)
                + ") and 0 snapshots from " + export), loaded::toString);
        assertTrue(loaded.out().contains("every decision re-derives"), loaded::toString);
        assertEquals(CopyCommandTest.answers(original.toString()), CopyCommandTest.answers(copy.toString()));
        List<String> verified = Cli.ok("--store", copy.toString(), "verify").outLines();
        List<String> verifiedOriginal = Cli.ok("--store", original.toString(), "verify").outLines();
        assertEquals(verifiedOriginal.get(verifiedOriginal.size() - 1), verified.get(verified.size() - 1),
                "the same head digest");
        // exported again, the copy gives the same file but for the store it names
        Path again = temp.resolve("again.jsonl");
        Cli.ok("--store", copy.toString(), "export", "-o", again.toString());
        assertEquals(lines.subList(1, lines.size()), Files.readAllLines(again).subList(1, lines.size()));
        // and goes on from where the history ended
        assertEquals(1, Cli.run("--store", copy.toString(), "run", Cli.QUICKSTART.toString()).exit(), "run 3 diverges: its sockets clash");
        assertEquals(3, Cli.ok("--store", copy.toString(), "history", "--runs", "--json").json().size());
        // a target that holds events is refused
        Cli.Result refused = Cli.run("copy", "--from", export.toString(), "--to", copy.toString());
        Cli.assertOneLineError(3, refused);
        assertTrue(refused.err().contains("already holds events"), refused::toString);
    }

    @Test
    void eachKindOfChangeIsRefusedAtItsLineAndNothingIsCreated() throws Exception {
        int event = 5; // the file's line 5: the event at position 4
        assertRefused("line 5", "does not match its digest", changed(event, node -> node.put("payload",
                flip(node.get("payload").asText()))));
        assertRefused("line 5", "does not match its digest", changed(event, node -> node.put("timeStamp",
                node.get("timeStamp").asText().replace("Z", "1Z"))));
        assertRefused("line 5", "does not match its digest", changed(event, node -> node.put("digest",
                node.get("digest").asText().replaceFirst("^.", node.get("digest").asText().startsWith("0") ? "1" : "0"))));
        // an event removed from the middle: the next event of its aggregate no longer chains
        List<String> removed = new ArrayList<>(lines);
        String aggregate = Cli.parse(lines.get(event - 1)).get("aggregateIdentifier").asText();
        int next = nextOfAggregate(event, aggregate);
        removed.remove(event - 1);
        assertRefused("line " + (next - 1), "does not match its digest", removed);
        // the last event removed: every link holds, the header's count and head do not
        assertRefused("line " + (lines.size() - 1), "promises " + (lines.size() - 1) + " events", lines.subList(0, lines.size() - 1));
        assertRefused("line 1", "the header's version is not a number from 1 to 2",
                replaced(0, "{\"format\":\"wskemu-export\",\"version\":\"x\"}"));
        ObjectNode header = (ObjectNode) Cli.parse(lines.get(0));
        assertRefused("line " + lines.size(), "the head digest", replaced(0, header.deepCopy()
                .put("headDigest", "00".repeat(32)).toString()));
        List<String> twice = new ArrayList<>(lines);
        twice.add(event, lines.get(event - 1));
        assertRefused("line " + (event + 1), "does not follow", twice);
        assertRefused("line 5", "unknown field 'extra'", changed(event, node -> node.put("extra", 1)));
        assertRefused("line 5", "does not read", replaced(event - 1, lines.get(event - 1).substring(0, 40)));
        assertRefused("line 5", "not one of wskemu's", changed(event, node -> node.put("payloadType", "java.lang.Runtime")));
        // the digest erased
        assertRefused("line 5", "has no digest", changed(event, node -> node.putNull("digest")));
        ObjectNode newer = header.deepCopy().put("version", 3);
        Cli.Result later = importing(replaced(0, newer.toString()));
        Cli.assertOneLineError(3, later);
        assertTrue(later.err().contains("newer wskemu"), later::toString);
    }

    @Test
    void everyDigestErasedIsRefusedAsTamperingNotReadAsAnExportFromBeforeTheChain() throws Exception {
        List<String> erased = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            erased.add(((ObjectNode) Cli.parse(line)).putNull("digest").toString());
        }
        ObjectNode header = (ObjectNode) Cli.parse(lines.get(0));
        erased.set(0, header.deepCopy().put("headDigest", "00".repeat(32)).toString());
        assertRefused("line 2", "has no digest, yet its digest chain covers every event after position 0", erased);
        header.remove("chainFrom");
        erased.set(0, header.toString());
        assertRefused("line 1", "lacks where its digest chain begins", erased);
    }

    @Test
    void numbersBeyondALongAreRefusedNotWrapped() throws Exception {
        ObjectNode header = (ObjectNode) Cli.parse(lines.get(0));
        long events = header.get("events").asLong();
        java.math.BigInteger wrap = java.math.BigInteger.ONE.shiftLeft(64);
        assertRefused("line 1", "lacks its event count", replaced(0, header.deepCopy()
                .put("events", wrap.add(java.math.BigInteger.valueOf(events))).toString()));
        assertRefused("line 1", "the header's version is not a number from 1 to 2", replaced(0, header.deepCopy()
                .put("version", java.math.BigInteger.ONE.shiftLeft(32).add(java.math.BigInteger.ONE)).toString()));
        assertRefused("line 1", "the header's version is not a number from 1 to 2", replaced(0, header.deepCopy()
                .put("version", wrap.add(java.math.BigInteger.valueOf(2))).toString()));
        int event = 2;
        assertRefused("line 2", "not a number in range", changed(event, node -> node.put("position",
                wrap.add(java.math.BigInteger.ONE))));
        assertRefused("line 2", "not a number in range", changed(event, node -> node.put("position", Long.MAX_VALUE - 1)));
    }

    /** Every byte changed at a seeded place is refused or loads the very same bytes (a base64 bit no byte uses). */
    @Test
    void everyRandomByteChangeIsRefusedOrChangesNothing() throws Exception {
        int changes = Boolean.getBoolean("wskemu.long") ? 300 : 30;
        byte[] bytes = Files.readAllBytes(export);
        Random random = new Random(17);
        int refused = 0;
        int same = 0;
        for (int i = 0; i < changes; i++) {
            byte[] changed = bytes.clone();
            // past the header's store name, which is only a label
            int from = lines.get(0).indexOf("\"events\"");
            int at = from + random.nextInt(changed.length - from);
            changed[at] = (byte) (changed[at] ^ (1 << random.nextInt(7)));
            Path file = temp.resolve("changed-" + i + ".jsonl");
            Files.write(file, changed);
            Path target = temp.resolve("target-" + i);
            Cli.Result result = Cli.run("copy", "--from", file.toString(), "--to", target.toString());
            if (result.exit() == 0) {
                Path again = temp.resolve("again-" + i + ".jsonl");
                Cli.ok("--store", target.toString(), "export", "-o", again.toString());
                assertEquals(lines.subList(1, lines.size()), Files.readAllLines(again).subList(1, lines.size()),
                        "byte " + at + " changed, and the load is not the original's");
                same++;
            } else {
                Cli.assertOneLineError(3, result);
                assertFalse(Files.exists(target), "byte " + at + ": refused, yet the target was created: " + result);
                refused++;
            }
        }
        System.out.printf("export byte changes: %d refused, %d loading the same events%n", refused, same);
        assertEquals(changes, refused + same);
    }

    private int nextOfAggregate(int line, String aggregate) {
        for (int i = line + 1; i <= lines.size(); i++) {
            if (Cli.parse(lines.get(i - 1)).get("aggregateIdentifier").asText().equals(aggregate)) {
                return i;
            }
        }
        throw new AssertionError("no later event of " + aggregate);
    }

    private List<String> changed(int line, UnaryOperator<ObjectNode> change) {
        ObjectNode node = (ObjectNode) Cli.parse(lines.get(line - 1));
        return replaced(line - 1, change.apply(node).toString());
    }

    private List<String> replaced(int index, String line) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(index, line);
        return copy;
    }

    private static String flip(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[bytes.length / 2] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }

    private int tried;

    private Cli.Result importing(List<String> content) throws Exception {
        Path file = temp.resolve("tampered-" + tried + ".jsonl");
        Files.write(file, (String.join("\n", content) + "\n").getBytes(StandardCharsets.UTF_8));
        Path target = temp.resolve("target-" + tried++);
        Cli.Result result = Cli.run("copy", "--from", file.toString(), "--to", target.toString());
        assertFalse(Files.exists(target), "the target is not created: " + result);
        return result;
    }

    private void assertRefused(String where, String what, List<String> content) throws Exception {
        Cli.Result refused = importing(content);
        Cli.assertOneLineError(3, refused);
        assertTrue(refused.err().contains(" is damaged at " + where + ": ") && refused.err().contains(what)
                && refused.err().contains("nothing was written"), refused::toString);
    }
}
