package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JdbcTransactionManagerTest {

    private H2Store store;
    private JdbcTransactionManager transactions;

    @BeforeEach
    void open() throws SQLException {
        store = H2Store.open(StoreLocation.memory());
        transactions = store.transactionManager();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE Scratch (name VARCHAR(20) PRIMARY KEY)");
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void committedRowIsVisibleToOtherConnections() throws SQLException {
        Transaction transaction = transactions.startTransaction();
        insert("a");
        assertEquals(List.of(), visibleOutside());

        transaction.commit();

        assertEquals(List.of("a"), visibleOutside());
        assertFalse(transactions.isTransactionActive());
    }

    @Test
    void rolledBackRowIsNeverVisible() throws SQLException {
        Transaction transaction = transactions.startTransaction();
        insert("a");

        transaction.rollback();

        assertEquals(List.of(), visibleOutside());
        assertFalse(transactions.isTransactionActive());
    }

    @Test
    void everyConnectionProvidedInATransactionIsTheOneConnectionAndSurvivesClose() throws SQLException {
        transactions.executeInTransaction(() -> {
            try {
                insert("a");
                insert("b");
                try (Connection c = transactions.connectionProvider().getConnection()) {
                    assertFalse(c.getAutoCommit());
                }
                assertEquals(List.of("a", "b"), visibleInside());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(List.of("a", "b"), visibleOutside());
    }

    @Test
    void outsideATransactionEachConnectionIsFreshAndAutoCommits() throws SQLException {
        try (Connection first = transactions.connectionProvider().getConnection();
             Connection second = transactions.connectionProvider().getConnection()) {
            assertNotSame(first, second);
            assertTrue(first.getAutoCommit());
        }
        insert("a");
        assertEquals(List.of("a"), visibleOutside());
    }

    @Nested
    class WhenATransactionIsJoined {

        @Test
        void onlyTheOutermostCommitMakesRowsVisible() throws SQLException {
            Transaction outer = transactions.startTransaction();
            Transaction inner = transactions.startTransaction();
            insert("inner");

            inner.commit();

            assertEquals(List.of(), visibleOutside());
            assertTrue(transactions.isTransactionActive());
            insert("outer");
            outer.commit();
            assertEquals(List.of("inner", "outer"), visibleOutside());
        }

        @Test
        void innerRollbackMakesTheOuterCommitRollBackAndFail() throws SQLException {
            Transaction outer = transactions.startTransaction();
            insert("outer");
            Transaction inner = transactions.startTransaction();
            insert("inner");
            inner.rollback();

            assertThrows(IllegalStateException.class, outer::commit);

            assertEquals(List.of(), visibleOutside());
            assertFalse(transactions.isTransactionActive());
        }

        @Test
        void outerRollbackDiscardsWhatTheInnerCommitted() throws SQLException {
            Transaction outer = transactions.startTransaction();
            Transaction inner = transactions.startTransaction();
            insert("inner");
            inner.commit();

            outer.rollback();

            assertEquals(List.of(), visibleOutside());
        }

        @Test
        void completedTransactionCannotCommitAgainButRollbackIsHarmless() {
            Transaction transaction = transactions.startTransaction();
            transaction.commit();

            transaction.rollback();
            assertThrows(IllegalStateException.class, transaction::commit);
        }
    }

    @Test
    void eachThreadHasItsOwnTransaction() throws Exception {
        Transaction mine = transactions.startTransaction();
        insert("main");
        CountDownLatch otherInserted = new CountDownLatch(1);
        CountDownLatch mainChecked = new CountDownLatch(1);

        CompletableFuture<List<String>> other = CompletableFuture.supplyAsync(() -> {
            Transaction theirs = transactions.startTransaction();
            try {
                insert("other");
                List<String> seen = visibleInside();
                otherInserted.countDown();
                mainChecked.await(10, TimeUnit.SECONDS);
                theirs.rollback();
                return seen;
            } catch (Exception e) {
                theirs.rollback();
                throw new IllegalStateException(e);
            }
        });

        assertTrue(otherInserted.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("main"), visibleInside());
        mainChecked.countDown();
        assertEquals(List.of("other"), other.get(10, TimeUnit.SECONDS));
        mine.commit();
        assertEquals(List.of("main"), visibleOutside());
    }

    private void insert(String name) throws SQLException {
        try (Connection c = transactions.connectionProvider().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO Scratch (name) VALUES ('" + name + "')");
        }
    }

    /** What the current thread sees through the provider: its own transaction, if it has one. */
    private List<String> visibleInside() throws SQLException {
        try (Connection c = transactions.connectionProvider().getConnection()) {
            return names(c);
        }
    }

    /** What a separate, auto-commit connection sees: committed rows only. */
    private List<String> visibleOutside() throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            return names(c);
        }
    }

    private static List<String> names(Connection c) throws SQLException {
        return RawDatabase.rows(c, "SELECT name FROM Scratch ORDER BY name").stream().map(row -> row.get(0)).toList();
    }
}
