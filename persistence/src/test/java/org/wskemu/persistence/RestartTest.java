package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.events;
import static org.wskemu.persistence.EngineSessions.fold;
import static org.wskemu.persistence.EngineSessions.generate;
import static org.wskemu.persistence.EngineSessions.generateMore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.api.NtStatus;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.WarningRow;
import org.wskemu.engine.session.SessionCall;

/**
 * A directory store outlives its emulator: a new emulator in this JVM finds the same events and read
 * models, and its read-model processor resumes from its token ({@link RestartInAnotherJvmIT}: in
 * another JVM).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RestartTest {

    static final long SEED = 0x5707_2026L;

    @TempDir
    Path temp;

    @Test
    void aNewEmulatorOnTheSameDirectoryFindsEverythingAndContinuesAfterTheOldHead() throws Exception {
        StoreLocation location = StoreLocation.directory(temp.resolve("store"));
        AtomicLong handles = new AtomicLong();
        List<LoggedEvent> before;
        EngineSessions.Rows modelsBefore;
        long head;
        H2Storage first = H2Storage.open(location);
        try (WskEmulator kernel = emulator(first, handles)) {
            SessionRunner.Result result = kernel.sessions().run(SessionRunner.Run.of("first", generate(SEED, 400)));
            assertVaried(result, kernel.readModels());
            assertTrue(!kernel.readModels().ownership().isEmpty(), "something is still bound");
            before = events(kernel.log());
            modelsBefore = copy(kernel.readModels());
            head = kernel.log().head();
            assertEquals(head, tokenIndex(first), "the processor's token is at the head before closing");
        }
        assertEquals(head, before.get(before.size() - 1).position());

        H2Storage second = H2Storage.open(location);
        try (WskEmulator kernel = emulator(second, handles)) {
            assertEquals(before, events(kernel.log()), "the events after reopening");
            assertEquals(head, tokenIndex(second), "the token was kept");
            assertSameView(modelsBefore, kernel.readModels(), "the read models after reopening");

            List<SessionCall> more = generateMore(SEED + 1, 300);
            SessionRunner.Result resumed = kernel.sessions().run(SessionRunner.Run.of("second", more));
            assertEquals(2, resumed.run(), "the machine's runs are numbered on");
            List<LoggedEvent> after = events(kernel.log());
            assertEquals(before, after.subList(0, before.size()), "the old events are unchanged");
            assertTrue(after.size() > before.size() + 300, "the new calls were recorded");
            assertTrue(after.get(before.size()).position() > head, "new positions continue after the old head");
            for (int i = 1; i < after.size(); i++) {
                assertTrue(after.get(i).position() > after.get(i - 1).position(), "positions increase");
            }
            resumed.reports().stream().filter(r -> r.position() > 0)
                    .forEach(r -> assertTrue(r.position() > head, () -> r + " is after the old head"));

            ReadModelView live = copy(kernel.readModels());
            assertEquals(kernel.log().head(), live.position());
            assertEquals(kernel.log().head(), tokenIndex(second), "the processor went on from its token");
            assertSameView(fold(kernel.log()), live, "live after resuming, against a fold of the log");
            assertEquals(live.decisions().size(), count(second, "wsk_decision"), "no duplicate or missing decision rows");
            assertEquals(live.sockets().size(), count(second, "wsk_socket"), "no duplicate or missing socket rows");
            assertEquals(live.decisions().size(),
                    live.decisions().stream().map(d -> d.position()).distinct().count());
            assertSameView(live, copy(kernel.rebuild()), "live against a rebuild");
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
        }
    }

    /** The session left refusals, closes, ephemeral ports and options set after bind to restore. */
    static void assertVaried(SessionRunner.Result result, ReadModelView models) {
        List<NtStatus> statuses = models.decisions().stream().map(d -> d.status()).distinct().toList();
        assertTrue(statuses.contains(NtStatus.SUCCESS) && statuses.contains(NtStatus.ADDRESS_ALREADY_EXISTS),
                () -> "decisions " + statuses);
        assertTrue(models.decisions().stream().anyMatch(d -> d.actual() != null && d.actual().port() >= 49152),
                "an ephemeral port was chosen");
        assertTrue(models.sockets().stream().anyMatch(s -> !s.isOpen()), "a socket was closed");
        assertTrue(models.warnings().stream().anyMatch(w -> w.kind() == WarningRow.Kind.OPTION_AFTER_BIND),
                "an option was set after bind");
        assertTrue(result.reports().stream().anyMatch(r -> r.call() instanceof SessionCall.Close), "closes");
    }

    /** The position the read-model tables hold every event up to (each batch folds its own events). */
    static long tokenIndex(H2Storage storage) {
        return new ReadModelTables(storage.store().connectionProvider(), storage.store().location()).position();
    }

    static long count(H2Storage storage, String table) throws SQLException {
        return Long.parseLong(RawDatabase.rows(storage.store().dataSource(), "SELECT COUNT(*) FROM " + table).get(0).get(0));
    }
}
