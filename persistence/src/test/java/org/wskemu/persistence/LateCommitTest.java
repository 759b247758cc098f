package org.wskemu.persistence;

import org.wskemu.engine.SessionRunner;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.bind;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.fold;
import static org.wskemu.persistence.EngineSessions.process;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.WarningRow;

/**
 * Positions are handed out when an event is inserted, but become visible when its transaction
 * commits, so concurrent transactions (two engine lanes, two engines) can commit out of order.
 * Each writer folds its own events into the read models in the transaction that appends them, so
 * the late event's rows appear with it, and the read models are the fold of the committed log
 * before and after it, whatever the order of the commits.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LateCommitTest {

    @Test
    void anEventCommittedAfterAHigherPositionIsFoldedAndTheReadModelsStayCaughtUp() throws Exception {
        try (H2Storage storage = H2Storage.open(StoreLocation.memory());
             WskEmulator kernel = emulator(new SharedStoreRaceTest.SharedStorage(storage), new AtomicLong())) {
            kernel.sessions().run(SessionRunner.Run.of("first", List.of(process(4, "SY"), bind("ghost", "0.0.0.0:80"))));
            kernel.readModels();
            long late;
            try (Connection writer = storage.store().dataSource().getConnection()) {
                writer.setAutoCommit(false);
                // a writer that inserts a misuse event (a copy of the one recorded) and commits only later
                try (Statement insert = writer.createStatement()) {
                    insert.executeUpdate("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, "
                                    + "eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) "
                                    + "SELECT 'late-writer', 0, type, RANDOM_UUID(), metaData, payload, payloadRevision, "
                                    + "payloadType, timeStamp FROM DomainEventEntry WHERE payloadType LIKE '%.CallRefused' "
                                    + "ORDER BY globalIndex LIMIT 1",
                            Statement.RETURN_GENERATED_KEYS);
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        keys.next();
                        late = keys.getLong(1);
                    }
                    // and its read-model row, in the same transaction, as each batch folds its own events
                    insert.executeUpdate("INSERT INTO wsk_warning (event_position, socket, kind, message) SELECT " + late
                            + ", socket, kind, message FROM wsk_warning WHERE event_position = (SELECT MIN(globalIndex) "
                            + "FROM DomainEventEntry WHERE payloadType LIKE '%.CallRefused')");
                }
                // meanwhile the engine records more, at higher positions, and its read models catch up
                kernel.sessions().run(SessionRunner.Run.of("second", List.of(bind("ghost", "0.0.0.0:81"))));
                long head = kernel.log().head();
                assertEquals(late + 4, head,
                        "RunStarted, the misuse, the run's recorded lines and its end come after the uncommitted position");
                assertEquals(head, kernel.readModels().position());
                assertSameView(fold(kernel.log()), copy(kernel.readModels()), "before the late commit: the committed log");
                writer.commit();
            }
            assertEquals(1, warningsAt(storage, late), "the late event's row committed with it");

            ReadModelView models = copy(kernel.readModels());
            assertEquals(kernel.log().head(), models.position());
            // the first run ends with its recorded lines (CallsRecorded) and its end, just before the late position
            assertEquals(List.of(late - 3, late, late + 2), models.warnings().stream().map(WarningRow::position).toList());
            assertSameView(fold(kernel.log()), models, "against a fold of the log");
        }
    }

    private static long warningsAt(H2Storage storage, long position) throws Exception {
        try (Connection c = storage.store().dataSource().getConnection();
             PreparedStatement query = c.prepareStatement("SELECT COUNT(*) FROM wsk_warning WHERE event_position = ?")) {
            query.setLong(1, position);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
