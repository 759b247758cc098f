package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last events deleted with SQL: every digest link that is left holds, so the chain alone cannot
 * show it, but the read models and checkpoints saw those positions. {@code verify} names the loss
 * (exit 1) and advises restoring, not rebuilding; {@code rebuild} refuses the store (exit 3) and keeps the
 * evidence, unless told {@code --accept-loss}.
 */
@Tag("slow")
class DeletedTailTest {

    @TempDir
    Path temp;

    @Test
    void aDeletedTailIsNamedAsALossAndRebuildRefusesToEraseIt() throws Exception {
        Path store = temp.resolve("store");
        Cli.ok("--store", store.toString(), "run", Cli.TOUR.toString());
        long last;
        try (Connection raw = DriverManager.getConnection("jdbc:h2:file:" + store.resolve("wskemu") + ";IFEXISTS=TRUE",
                "wskemu", "");
             ResultSet rs = raw.createStatement().executeQuery("SELECT MAX(globalIndex) FROM DomainEventEntry")) {
            rs.next();
            last = rs.getLong(1);
            try (PreparedStatement cut = raw.prepareStatement("DELETE FROM DomainEventEntry WHERE globalIndex > ?")) {
                cut.setLong(1, last - 5);
                assertEquals(5, cut.executeUpdate());
            }
        }

        Cli.Result verified = Cli.run("--store", store.toString(), "verify");
        assertEquals(1, verified.exit(), verified::toString);
        List<String> lines = verified.outLines();
        // the recorded decisions witness the lost tail (the read models' position row no longer follows the log)
        assertTrue(lines.get(0).startsWith("LOSS the log ends at position " + (last - 5) + ", yet its recorded decisions ("),
                verified::toString);
        assertTrue(lines.get(0).endsWith("restore the store from a backup (a rebuild would fold the shorter log and erase "
                + "this evidence)"), verified::toString);

        Cli.Result rebuild = Cli.run("--store", store.toString(), "rebuild");
        Cli.assertOneLineError(3, rebuild);
        assertTrue(rebuild.err().contains("events were removed from its end") && rebuild.err().contains("--accept-loss"),
                rebuild::toString);
        assertEquals(1, Cli.run("--store", store.toString(), "verify").exit(), "the refused rebuild kept the evidence");

        Cli.ok("--store", store.toString(), "rebuild", "--accept-loss");
        Cli.Result after = Cli.run("--store", store.toString(), "verify");
        assertEquals(0, after.exit(), after::toString);
    }

    @Test
    void aCutRunThatLeftNothingInTheReadModelsIsNamedByItsHighWaterMark() throws Exception {
        Path store = temp.resolve("declarations");
        Cli.ok("--store", store.toString(), "run", Cli.QUICKSTART.toString());
        Path session = temp.resolve("declarations.wsk.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int pid = 10; pid < 30; pid++) {
            lines.append("{\"op\":\"process\",\"pid\":").append(pid).append(",\"user\":\"SY\"}\n");
        }
        Files.writeString(session, lines);
        long first;
        try (Connection raw = h2(store); ResultSet rs = raw.createStatement().executeQuery(
                "SELECT MAX(globalIndex) FROM DomainEventEntry")) {
            rs.next();
            first = rs.getLong(1);
        }
        // declarations fold to nothing in the read models; only the run's mark saw its events
        Cli.ok("--store", store.toString(), "run", session.toString());
        long last;
        try (Connection raw = h2(store)) {
            try (ResultSet rs = raw.createStatement().executeQuery("SELECT MAX(globalIndex) FROM DomainEventEntry")) {
                rs.next();
                last = rs.getLong(1);
            }
            // the second run's events cut, and what the read models and checkpoints saw of them put back (as
            // read models behind the log would be): only the run's mark still shows the cut
            try (PreparedStatement cut = raw.prepareStatement("DELETE FROM DomainEventEntry WHERE globalIndex > ?")) {
                cut.setLong(1, first + 3);
                assertEquals(last - first - 3, cut.executeUpdate());
            }
            try (PreparedStatement back = raw.prepareStatement("UPDATE wsk_read_model_position SET event_position = ? "
                    + "WHERE event_position > ?")) {
                back.setLong(1, first + 3);
                back.setLong(2, first + 3);
                back.executeUpdate();
            }
            try (PreparedStatement back = raw.prepareStatement("DELETE FROM wsk_checkpoint WHERE event_position > ?")) {
                back.setLong(1, first + 3);
                back.executeUpdate();
            }
        }

        Cli.Result verified = Cli.run("--store", store.toString(), "verify");
        assertEquals(1, verified.exit(), verified::toString);
        assertEquals("LOSS the log ends at position " + (first + 3) + ", yet the high-water mark of run 2 (" + last
                + ") saw events up to position " + last + ": events were removed from its end; restore the store from a "
                + "backup (a rebuild would fold the shorter log and erase this evidence)", verified.outLines().get(0),
                verified::toString);
        Cli.Result rebuild = Cli.run("--store", store.toString(), "rebuild");
        Cli.assertOneLineError(3, rebuild);
        assertTrue(rebuild.err().contains("the high-water mark of run 2") && rebuild.err().contains("--accept-loss"),
                rebuild::toString);
        Cli.ok("--store", store.toString(), "rebuild", "--accept-loss");
        Cli.Result after = Cli.run("--store", store.toString(), "verify");
        assertEquals(0, after.exit(), after::toString);
    }

    private static Connection h2(Path store) throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + store.resolve("wskemu") + ";IFEXISTS=TRUE", "wskemu", "");
    }

    @Test
    void anIntactStoreHasNoLoss() {
        Path store = temp.resolve("intact");
        Cli.ok("--store", store.toString(), "run", Cli.QUICKSTART.toString());
        Cli.ok("--store", store.toString(), "rebuild");
        assertTrue(Cli.ok("--store", store.toString(), "verify").outLines().stream().noneMatch(l -> l.startsWith("LOSS")));
    }
}
