package org.wskemu.persistence;

import org.wskemu.engine.SessionRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.fold;
import static org.wskemu.persistence.EngineSessions.generate;
import static org.wskemu.persistence.EngineSessions.generateMore;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.DecisionFilter;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.SocketRow;

/**
 * A query's read path without the engine (issue #15): the read models {@link StoreReader} gives are
 * the fold of the log, whether they were current already or had a backlog to fold; the processor goes
 * on from the token the reader's fold leaves; and a filtered query reads only the rows it answers.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StoreReaderTest {

    static final long SEED = 0x5EAD_2026L;

    @Test
    void aReaderReadsTheTablesAsTheyAreAndRefusesABacklogNamingRebuild(@TempDir Path dir) throws Exception {
        AtomicLong handles = new AtomicLong();
        StoreLocation location = StoreLocation.directory(dir.resolve("store"));
        try (WskEmulator kernel = emulator(H2Storage.open(location), handles)) {
            kernel.sessions().run(SessionRunner.Run.of("generated", generate(SEED, 1_500)));
        }
        try (JdbcStorage storage = JdbcStorage.openReadOnly(location)) {
            StoreReader reader = storage.reader();
            ReadModelView view = copy(reader.readModels());
            assertSameView(fold(reader.log()), view, "the tables, read as they are");
            assertSameView(fold(reader.log(), 700), copy(reader.timeline(reader.readModels()).at(700)),
                    "the timeline on the reader");
        }
        LogFoldTest.leaveBehind(location);
        try (JdbcStorage storage = JdbcStorage.openReadOnly(location)) {
            StoreException refused = assertThrows(StoreException.class, () -> storage.reader().readModels());
            assertEquals("store " + location + " cannot be read by a query: its read models lag its log (an older "
                    + "wskemu left them to fold later); run 'wskemu rebuild' once", refused.getMessage());
        }
        try (WskEmulator kernel = emulator(H2Storage.open(location), handles)) {
            kernel.sessions().run(SessionRunner.Run.of("more", generateMore(SEED + 1, 300))); // the writer folds the backlog once
        }
        try (JdbcStorage storage = JdbcStorage.openReadOnly(location)) {
            StoreReader reader = storage.reader();
            assertSameView(fold(reader.log()), copy(reader.readModels()), "after the writer's fold");
        }
    }

    @Test
    void filteredQueriesReadOnlyTheRowsTheyAnswer(@TempDir Path dir) {
        AtomicLong handles = new AtomicLong();
        StoreLocation location = StoreLocation.directory(dir.resolve("store"));
        try (WskEmulator kernel = emulator(H2Storage.open(location), handles)) {
            kernel.sessions().run(SessionRunner.Run.of("generated", generate(SEED, 2_000)));
            kernel.readModels();
        }
        try (H2Storage storage = H2Storage.open(location)) {
            ReadModelTables tables = storage.jdbc().tables();
            ReadModelView view = storage.jdbc().reader().readModels();
            List<DecisionRow> all = view.decisions();
            assertTrue(all.size() > 200, "a store with many decisions: " + all.size());
            DecisionRow some = all.get(all.size() / 2);
            List<DecisionFilter> filters = List.of(
                    new DecisionFilter(null, null, some.port(), null, null, null, null),
                    new DecisionFilter(some.status(), null, null, null, null, null, null),
                    new DecisionFilter(NtStatus.SUCCESS, some.process().value(), null, null, null, null, null),
                    new DecisionFilter(null, null, null, some.run().number(), some.label(), null, null),
                    new DecisionFilter(null, null, null, null, null, some.position() - 50, some.position() + 50),
                    new DecisionFilter(null, null, null, null, "no such label", null, null));
            for (DecisionFilter filter : filters) {
                List<DecisionRow> expected = all.stream().filter(filter).toList();
                long before = tables.rowsRead();
                List<DecisionRow> answer = view.decisions(filter);
                assertEquals(expected, answer, "the same decisions as the whole table filtered: " + filter);
                assertEquals(expected.size(), tables.rowsRead() - before, "only the answer's rows read: " + filter);
                assertTrue(answer.size() < all.size(), "a filter that leaves rows out: " + filter);
            }
            SocketRow socket = view.sockets().get(7);
            long before = tables.rowsRead();
            assertEquals(socket, view.socket(socket.socket()).orElseThrow());
            assertFalse(view.socket(new SocketId(Long.MAX_VALUE)).isPresent());
            assertEquals(1, tables.rowsRead() - before, "one socket's row read, not the table");
        }
    }
}
