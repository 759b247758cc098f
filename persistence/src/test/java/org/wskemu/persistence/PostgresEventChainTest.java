package org.wskemu.persistence;

import org.wskemu.engine.SessionRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.generate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wskemu.engine.WskEmulator;

/** The digest chain on PostgreSQL: the engine's batches are chained, and a changed byte is named. */
@Tag("postgres")
@ExtendWith(PostgresCluster.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PostgresEventChainTest {

    @Test
    void theEnginesBatchesAreChainedAndAChangedPayloadByteIsNamed() throws Exception {
        StoreLocation location = StoreLocation.parse(PostgresCluster.freshDatabaseWithCredentials());
        JdbcStorage storage = JdbcStorage.open(location);
        try (WskEmulator kernel = emulator(storage, new AtomicLong())) { // closes the storage too
            kernel.sessions().run(SessionRunner.Run.of("generated", generate(17, 400)));
            long head = kernel.log().head();
            EventChain.Report report = storage.checkChain(new TreeSet<>());
            assertTrue(report.ok(), () -> report.firstBreak().orElseThrow());
            assertEquals(head, report.digested());

            long position = head / 2;
            try (Connection raw = PostgresCluster.connect(((StoreLocation.Postgres) location).database());
                 PreparedStatement tamper = raw.prepareStatement(
                         "UPDATE domainevententry SET payload = overlay(payload placing '\\x20'::bytea from 2 for 1) "
                                 + "WHERE globalindex = ?")) {
                tamper.setLong(1, position);
                assertEquals(1, tamper.executeUpdate());
            }
            EventChain.Report broken = storage.checkChain(new TreeSet<>());
            assertTrue(broken.firstBreak().orElseThrow().startsWith("the event at position " + position + " ("),
                    broken.firstBreak()::orElseThrow);
        }
    }
}
