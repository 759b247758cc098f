package org.wskemu.persistence;

import org.wskemu.engine.SessionRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.emulator;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.OptionCode;
import org.wskemu.api.TransportAddress;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.verify.VerifyReport;

/** Issue #12: a dual-stack binding keeps its mark through the H2 read-model tables, a restart and a rebuild. */
class DualStackOwnershipTest {

    @TempDir
    Path temp;

    @Test
    void aDualStackRowReadsBackAsDualStackAndVerifies() {
        StoreLocation location = StoreLocation.directory(temp.resolve("store"));
        AtomicLong handles = new AtomicLong();
        try (WskEmulator kernel = emulator(H2Storage.open(location), handles)) {
            kernel.sessions().run(SessionRunner.Run.of("dual", List.of(
                    EngineSessions.process(4, EngineSessions.ALICE),
                    EngineSessions.socket("d", "listen", "inet6", 4, null, null, null),
                    EngineSessions.control("d", ControlRequest.set(OptionCode.IPV6_V6ONLY, 0)),
                    EngineSessions.bind("d", "[::]:80"),
                    EngineSessions.socket("v", "listen", "inet6", 4, null, null, null),
                    EngineSessions.bind("v", "[::1]:81"))));
        }
        try (WskEmulator kernel = emulator(H2Storage.open(location), handles)) {
            List<OwnershipRow> rows = kernel.readModels().ownership();
            assertEquals(2, rows.size());
            OwnershipRow dual = rows.get(0);
            assertTrue(dual.dualStack());
            assertEquals(AddressFamily.INET6, dual.family());
            assertEquals(TransportAddress.parse("[::]:80"), dual.address());
            assertFalse(rows.get(1).dualStack());
            VerifyReport report = kernel.verify();
            assertEquals(List.of(), report.mismatches());
            assertEquals(List.of(), report.readModelDifferences());
            assertEquals(rows, kernel.rebuild().ownership());
        }
    }
}
