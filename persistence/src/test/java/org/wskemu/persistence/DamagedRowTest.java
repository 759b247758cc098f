package org.wskemu.persistence;

import org.wskemu.engine.SessionRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.fold;
import static org.wskemu.persistence.EngineSessions.generate;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.ReadModelView;

/**
 * A read-model row whose value no longer parses (a bit flipped in the file, found by
 * DamagedStoreTest: a socket category read back as {@code connectio~}) is damage of the named store,
 * not an internal error; and since read models are derived, a rebuild repairs it.
 */
@Tag("slow")
class DamagedRowTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wsk_socket    | UPDATE wsk_socket SET category = 'connectio~' WHERE socket = (SELECT MIN(socket) FROM wsk_socket)",
        "wsk_decision  | UPDATE wsk_decision SET status = 'STATUS_SUCCESX' WHERE event_position = (SELECT MIN(event_position) FROM wsk_decision)",
        "wsk_ownership | UPDATE wsk_ownership SET address = '0.0.0.0:8O' WHERE bound_at = (SELECT MIN(bound_at) FROM wsk_ownership)",
        "wsk_warning   | UPDATE wsk_warning SET kind = 'NOT_A_KIND' WHERE event_position = (SELECT MIN(event_position) FROM wsk_warning)",
    })
    void aValueThatNoLongerParsesIsDamageThatARebuildRepairs(String table, String damage) throws Exception {
        try (H2Storage store = H2Storage.open(StoreLocation.memory());
             WskEmulator kernel = emulator(new SharedStoreRaceTest.SharedStorage(store), new AtomicLong())) {
            kernel.sessions().run(SessionRunner.Run.of("damaged rows", generate(0xDA3A6EL, 400)));
            ReadModelView view = kernel.readModels();
            Consumer<ReadModelView> read = v -> {
                v.sockets();
                v.decisions();
                v.ownership();
                v.warnings();
            };
            read.accept(view);
            try (Connection connection = store.store().dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                assertEquals(1, statement.executeUpdate(damage), "the fixture damages one row of " + table);
            }

            StoreException refused = assertThrows(StoreException.class, () -> read.accept(view));

            assertEquals(StoreException.Reason.DAMAGED, refused.reason());
            assertTrue(refused.getMessage().startsWith("store " + store.store().location() + " is damaged: a row of "
                    + table + " cannot be read: "), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("('wskemu rebuild' derives the read models again from the log)"),
                    refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"), refused.getMessage());

            assertSameView(fold(kernel.log()), copy(kernel.rebuild()), "rebuilt after damage to " + table);
        }
    }

    /**
     * A bit flipped in a field's name ({@code "option"} read as {@code "optinn"}) leaves the event
     * without that field: a lenient reader took it as null, and verify failed with an internal
     * NullPointerException. The log's reader refuses it as damage, naming the position.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "SharingOptionSet, option, optinn",
        "SocketCreated,    category, categorx",
        "SocketBound,      binding, bindinf",
    })
    void anEventMissingAFieldIsDamageAtItsPosition(String type, String field, String flipped) throws Exception {
        try (H2Storage store = H2Storage.open(StoreLocation.memory());
             WskEmulator kernel = emulator(new SharedStoreRaceTest.SharedStorage(store), new AtomicLong())) {
            kernel.sessions().run(SessionRunner.Run.of("damaged event", generate(0xDA3A6EL, 400)));
            long position;
            try (Connection connection = store.store().dataSource().getConnection()) {
                position = RawDatabase.rows(connection, "SELECT MIN(globalIndex) FROM DomainEventEntry WHERE payloadType = "
                        + "'org.wskemu.api.event." + type + "'").stream().mapToLong(row -> Long.parseLong(row.get(0)))
                        .findFirst().orElseThrow();
                byte[] payload;
                try (PreparedStatement read = connection.prepareStatement(
                        "SELECT payload FROM DomainEventEntry WHERE globalIndex = ?")) {
                    read.setLong(1, position);
                    try (ResultSet rs = read.executeQuery()) {
                        assertTrue(rs.next());
                        payload = rs.getBytes(1);
                    }
                }
                String json = new String(payload, StandardCharsets.UTF_8);
                assertTrue(json.contains("\"" + field + "\":"), json);
                try (PreparedStatement write = connection.prepareStatement(
                        "UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?")) {
                    write.setBytes(1, json.replace("\"" + field + "\":", "\"" + flipped + "\":")
                            .getBytes(StandardCharsets.UTF_8));
                    write.setLong(2, position);
                    assertEquals(1, write.executeUpdate());
                }
            }

            StoreException refused = assertThrows(StoreException.class, kernel::verify);

            assertEquals(StoreException.Reason.DAMAGED, refused.reason());
            assertTrue(refused.getMessage().startsWith("store mem is damaged: the event at position " + position
                    + " cannot be read: "), refused.getMessage());
            assertTrue(refused.getMessage().contains("'" + field + "'"), refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
        }
    }

    /**
     * A read-model value changed into another valid one (a flipped bit in a label or a number):
     * nothing fails to parse, so queries would answer it; verify compares the read models with the
     * fold of the log and reports the difference, and a rebuild repairs it.
     */
    @org.junit.jupiter.api.Test
    void aReadModelChangedIntoAnotherValidValueIsFoundByVerify() throws Exception {
        try (H2Storage store = H2Storage.open(StoreLocation.memory());
             WskEmulator kernel = emulator(new SharedStoreRaceTest.SharedStorage(store), new AtomicLong())) {
            kernel.sessions().run(SessionRunner.Run.of("changed rows", generate(0xDA3A6EL, 400)));
            assertTrue(kernel.verify().ok(), () -> kernel.verify().toString());
            try (Connection connection = store.store().dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                assertEquals(1, statement.executeUpdate("UPDATE wsk_socket SET label = 'changed' "
                        + "WHERE socket = (SELECT MIN(socket) FROM wsk_socket)"));
            }

            org.wskemu.engine.verify.VerifyReport report = kernel.verify();

            assertFalse(report.ok());
            assertEquals(List.of(), report.mismatches(), "the decisions are the log's and re-derive");
            assertEquals(1, report.readModelDifferences().size(), report::toString);
            assertTrue(report.readModelDifferences().get(0).startsWith("sockets: "), report::toString);
            assertTrue(report.readModelDifferences().get(0).contains("label=changed"), report::toString);

            kernel.rebuild();
            assertTrue(kernel.verify().ok(), () -> kernel.verify().toString());
        }
    }

    /**
     * A time no longer in Instant's form: DamagedStoreTest met {@code 09:55:51>762Z}, a flipped bit
     * of its '.'; here its 'T' is changed, which every time has.
     */
    @org.junit.jupiter.api.Test
    void anEventTimeThatNoLongerParsesIsDamageAtItsPosition() throws Exception {
        try (H2Storage store = H2Storage.open(StoreLocation.memory());
             WskEmulator kernel = emulator(new SharedStoreRaceTest.SharedStorage(store), new AtomicLong())) {
            kernel.sessions().run(SessionRunner.Run.of("a damaged time", generate(0xDA3A6EL, 100)));
            kernel.readModels();
            try (Connection connection = store.store().dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                assertEquals(1, statement.executeUpdate("UPDATE DomainEventEntry SET timeStamp = REPLACE(timeStamp, 'T', '>') "
                        + "WHERE globalIndex = 7"));
            }

            StoreException refused = assertThrows(StoreException.class, kernel::verify);

            assertEquals(StoreException.Reason.DAMAGED, refused.reason());
            assertTrue(refused.getMessage().startsWith("store mem is damaged: the event at position 7 has an unreadable time: "),
                    refused.getMessage());
        }
    }
}
