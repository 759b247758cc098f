package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.bind;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.process;
import static org.wskemu.persistence.EngineSessions.set;
import static org.wskemu.persistence.EngineSessions.socket;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SharingOption;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.session.SessionCall;

/**
 * A crowded port is snapshotted (every 500 of its events) into SnapshotEventEntry, and a new
 * emulator that loads it from the snapshot decides the next binds on it as the table says.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SnapshotTest {

    static final int SHARERS = 1_200;
    static final String PORT_AGGREGATE = "tcp/inet/80";

    @TempDir
    Path temp;

    @Test
    void aCrowdedPortIsSnapshottedAndANewEmulatorDecidesOnItCorrectly() throws Exception {
        StoreLocation location = StoreLocation.directory(temp.resolve("store"));
        AtomicLong handles = new AtomicLong();
        List<SessionCall> calls = new ArrayList<>(List.of(process(4, "SY"), process(700, EngineSessions.ALICE, "BU")));
        for (int i = 0; i < SHARERS; i++) {
            String label = "r" + i;
            calls.add(socket(label, i % 2 == 0 ? 4 : 700));
            calls.add(set(label, "SO_REUSEADDR", 1));
            calls.add(bind(label, "0.0.0.0:80"));
        }
        H2Storage storage = H2Storage.open(location);
        try (WskEmulator kernel = emulator(storage, handles)) {
            SessionRunner.Result result = kernel.sessions().run(SessionRunner.Run.of("crowd", calls));
            assertTrue(result.reports().stream().allMatch(r -> r.status() == NtStatus.SUCCESS),
                    "every REUSE wildcard bind shares port 80");
            assertEquals(SHARERS, kernel.readModels().ownership().size());
            List<List<String>> snapshots = RawDatabase.rows(storage.store().dataSource(),
                    "SELECT aggregateIdentifier, sequenceNumber, type FROM SnapshotEventEntry ORDER BY sequenceNumber");
            assertTrue(snapshots.stream().anyMatch(row -> row.get(0).equals(PORT_AGGREGATE)
                            && row.get(2).equals("PortAggregate") && Long.parseLong(row.get(1)) >= 499),
                    () -> "port 80 was snapshotted: " + snapshots);
        }

        H2Storage reopened = H2Storage.open(location);
        try (WskEmulator kernel = emulator(reopened, handles)) {
            List<SessionRunner.Report> reports = kernel.sessions().run(SessionRunner.Run.of("after", List.of(
                    socket("excl", 4), set("excl", "SO_EXCLUSIVEADDRUSE", 1), bind("excl", "0.0.0.0:80"),
                    socket("reuse", 700), set("reuse", "SO_REUSEADDR", 1), bind("reuse", "0.0.0.0:80"),
                    socket("none", 700), bind("none", "10.0.0.1:80")))).reports();
            // first REUSE W then EXCL W: INUSE, decided against the first binding ever made on the port
            assertEquals(NtStatus.ADDRESS_ALREADY_EXISTS, reports.get(2).status());
            DecisionRow refused = kernel.readModels().decisions().stream()
                    .filter(d -> d.label().equals("excl")).findFirst().orElseThrow();
            assertEquals("r0", refused.decidingLabel(), () -> "decided against " + refused);
            // first REUSE W then REUSE W: SUCCESS
            assertEquals(NtStatus.SUCCESS, reports.get(5).status());
            // first REUSE W then NONE S: CHECK against r0's default descriptor (owner only): refused
            assertEquals(NtStatus.ACCESS_DENIED, reports.get(7).status());
            assertEquals(SHARERS + 1, kernel.readModels().ownership().size());
            assertTrue(kernel.readModels().ownership().stream().allMatch(o -> o.option() == SharingOption.SO_REUSEADDR));
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
        }
    }
}
