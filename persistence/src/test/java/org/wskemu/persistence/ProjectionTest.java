package org.wskemu.persistence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tracking processor's read-model row and its token commit, or roll back, together. */
class ProjectionTest {

    private static final String GROUP = "totals";

    private H2Store store;
    private CounterApp app;
    private volatile long poisonTotal = -1;
    private Totals readModel;

    @BeforeEach
    void start() throws SQLException {
        store = H2Store.open(StoreLocation.memory());
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE Totals (total BIGINT PRIMARY KEY)");
        }
        readModel = new Totals(store.connectionProvider(), () -> poisonTotal);
        app = CounterApp.start(AxonJdbcStorage.on(store), configurer -> configurer
                .registerEventHandler(c -> readModel)
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(GROUP)
                        .registerListenerInvocationErrorHandler(GROUP, c -> PropagatingErrorHandler.instance())));
    }

    @AfterEach
    void stop() {
        app.close();
        store.close();
    }

    @Test
    void rowAndTokenAreCommittedTogetherAndAFailedEventKeepsNeither() throws Exception {
        poisonTotal = 3;
        app.gateway().sendAndWait(new Counter.Create("c"));      // global index 1
        for (int i = 0; i < 3; i++) {
            app.gateway().sendAndWait(new Counter.Increment("c", 1)); // global indexes 2, 3, 4
        }
        // Only a rolled-back first attempt makes the processor try the same event again.
        await().atMost(Duration.ofSeconds(15)).until(() -> readModel.poisonedAttempts.get() >= 2);
        assertEquals(List.of(1L, 2L), totals());
        assertEquals(3L, tokenIndex());

        poisonTotal = -1;
        await().atMost(Duration.ofSeconds(20)).until(() -> tokenIndex() == 4L);
        assertEquals(List.of(1L, 2L, 3L), totals());
    }

    private List<Long> totals() throws SQLException {
        return RawDatabase.rows(store.dataSource(), "SELECT total FROM Totals ORDER BY total").stream()
                .map(row -> Long.parseLong(row.get(0))).toList();
    }

    private long tokenIndex() throws Exception {
        List<List<String>> rows = RawDatabase.rows(store.dataSource(),
                "SELECT UTF8TOSTRING(token) FROM TokenEntry WHERE processorName = '" + GROUP + "' AND token IS NOT NULL");
        if (rows.isEmpty()) {
            return 0;
        }
        JsonNode token = new ObjectMapper().readTree(rows.get(0).get(0));
        // Axon wraps the token in a ReplayToken when its processor starts at the tail of a log that
        // already holds events (a race between the test's first commands and the processor's start):
        // its position is then the current token's
        if (token.hasNonNull("currentToken")) {
            token = token.get("currentToken");
        }
        JsonNode index = token.get("index");
        assertNotNull(index, () -> "a token without an index: " + rows.get(0).get(0));
        return index.asLong();
    }

    /** The read model: one row per increment, written through the thread's transaction. */
    @ProcessingGroup(GROUP)
    static final class Totals {
        private final ConnectionProvider connections;
        private final LongSupplier poison;
        final AtomicInteger poisonedAttempts = new AtomicInteger();

        Totals(ConnectionProvider connections, LongSupplier poison) {
            this.connections = connections;
            this.poison = poison;
        }

        @EventHandler
        void on(Counter.Incremented event) throws SQLException {
            try (Connection c = connections.getConnection();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO Totals (total) VALUES (?)")) {
                insert.setLong(1, event.total());
                insert.executeUpdate();
            }
            if (event.total() == poison.getAsLong()) {
                poisonedAttempts.incrementAndGet();
                throw new IllegalStateException("poisoned after writing row " + event.total());
            }
        }
    }
}
