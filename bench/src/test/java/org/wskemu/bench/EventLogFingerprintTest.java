package org.wskemu.bench;

import org.wskemu.engine.SessionRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.persistence.EventChain;

/**
 * Issue #15 (the per-call path made cheaper): a generated session writes the very events it wrote
 * before, whatever the engine's inner path. The fingerprint is a SHA-256 over every event in position
 * order (position, aggregate, sequence number, aggregate type, payload type and revision, payload
 * bytes), recorded on {@code e243878} (before the change) with the same seeds, sizes and batch sizes, and
 * again when each run came to record its end (issue #26: one RunEnded more per run, same events before it);
 * only the random event ids and time stamps are left out. The metadata holds the run's mark and no
 * more (Axon's trace and correlation ids are no longer stored since the store-size change of #15),
 * and the digest chain over the stored rows is whole.
 */
@Tag("slow")
class EventLogFingerprintTest {

    @Test
    void generatedSessionsWriteTheSameEventsAsBefore() throws Exception {
        assertFingerprint(1, 3_000, 256, 4_206, "6dfaf181c13b419dcc92ef179a4454c4df76f25d8b00b3ae1e3af2d5b234eebf");
        // a batch of 7 calls: most aggregates' events span batches (the digest of the event before comes
        // from an earlier, committed batch)
        assertFingerprint(1, 3_000, 7, 4_206, "6dfaf181c13b419dcc92ef179a4454c4df76f25d8b00b3ae1e3af2d5b234eebf");
        assertFingerprint(42, 2_000, 256, 2_867, "8f82c1c880b870fe5dbfa6dea5c955a323fa728f8a036dae115ac6727c33e266");
        assertFingerprint(20_261_201, 2_000, 1, 2_809, "f20abbc19e68a7f7ce85d4a65df143dd42a01b575a7f9a4a32c55b8c77157f45");
    }

    private static void assertFingerprint(long seed, int calls, int batch, long events, String expected)
            throws SQLException, NoSuchAlgorithmException {
        BenchStore store = BenchStore.fresh(null, true, "fingerprint", ProfileId.WSK);
        try {
            store.kernel().sessions().run(SessionRunner.Run.of("bench", SessionGenerator.generate(seed, calls))
                    .withBatchSize(batch));
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Set<String> metaData = new TreeSet<>();
            long count = 0;
            try (Connection connection = store.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT globalIndex, aggregateIdentifier, sequenceNumber, type, "
                         + "payloadType, payloadRevision, payload, metaData FROM DomainEventEntry ORDER BY globalIndex")) {
                while (rs.next()) {
                    String line = rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getString(4)
                            + "|" + rs.getString(5) + "|" + rs.getString(6) + "|"
                            + new String(rs.getBytes(7), StandardCharsets.UTF_8);
                    digest.update(line.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) '\n');
                    // the ids differ from run to run; the keys and the run's mark do not
                    metaData.add(new String(rs.getBytes(8), StandardCharsets.UTF_8).replaceAll("\"[0-9a-f-]{36}\"", "ID"));
                    count++;
                }
            }
            String what = "seed " + seed + ", " + calls + " calls, batch " + batch;
            String fingerprint = HexFormat.of().formatHex(digest.digest());
            assertEquals(events, count, what);
            assertEquals(expected, fingerprint, what);
            assertEquals(new TreeSet<>(Set.of("{\"wskemuRun\":1}", "{}")), metaData, what);
            EventChain.Report chain = EventChain.check(store.storage().store(), new TreeSet<>());
            assertTrue(chain.firstBreak().isEmpty(), what + ": " + chain.firstBreak());
            assertEquals(events, chain.digested(), what);
        } finally {
            store.discard();
        }
    }
}
