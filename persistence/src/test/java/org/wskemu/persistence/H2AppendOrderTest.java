package org.wskemu.persistence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several threads appending to one embedded store at once (the engine's lanes, issue #22): a
 * transaction holds the order of appends from its first append until it ends, so positions commit in
 * the order they were handed out and a reader by position never passes over an event in flight.
 * Without the order, a second lane's event at position 2 committed while the first lane's position 1
 * was still open, and a reader that had read 2 would never read 1.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class H2AppendOrderTest {

    @Test
    void aSecondLanesAppendWaitsUntilTheFirstLanesTransactionEndsSoPositionsCommitInOrder() throws Exception {
        ExecutorService lanes = Executors.newFixedThreadPool(2);
        try (H2Store store = H2Store.open(StoreLocation.memory())) {
            JdbcEventStorageEngine engine = AxonJdbcStorage.on(store).eventStorageEngine();
            JdbcTransactionManager transactions = store.transactionManager();
            CompletableFuture<Void> firstAppended = new CompletableFuture<>();
            CompletableFuture<Void> releaseFirst = new CompletableFuture<>();
            AtomicReference<Thread> second = new AtomicReference<>();

            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                Transaction transaction = transactions.startTransaction();
                engine.appendEvents(List.of(event("first")));
                firstAppended.complete(null);
                releaseFirst.join();
                transaction.commit();
            }, lanes);
            firstAppended.get(1, TimeUnit.MINUTES);
            CompletableFuture<Void> secondDone = CompletableFuture.runAsync(() -> {
                second.set(Thread.currentThread());
                Transaction transaction = transactions.startTransaction();
                engine.appendEvents(List.of(event("second")));
                transaction.commit();
            }, lanes);

            // the second lane either finished (no order) or waits for the order of appends
            await().atMost(Duration.ofMinutes(1)).until(() -> secondDone.isDone() || waitingForTheOrder(second.get()));
            assertFalse(secondDone.isDone(), "the second lane committed while the first lane's append was open");
            assertEquals(List.of(), positions(store), "a reader sees nothing while the first append is open");

            releaseFirst.complete(null);
            first.get(1, TimeUnit.MINUTES);
            secondDone.get(1, TimeUnit.MINUTES);
            assertEquals(List.of(List.of("1", "first"), List.of("2", "second")), RawDatabase.rows(store.dataSource(),
                    "SELECT globalIndex, aggregateIdentifier FROM DomainEventEntry ORDER BY globalIndex"),
                    "the waiting lane drew its position after the first lane's commit");
        } finally {
            lanes.shutdownNow();
        }
    }

    @Test
    void aRolledBackAppendLetsTheNextOneGoOn() throws Exception {
        try (H2Store store = H2Store.open(StoreLocation.memory())) {
            JdbcEventStorageEngine engine = AxonJdbcStorage.on(store).eventStorageEngine();
            JdbcTransactionManager transactions = store.transactionManager();
            Transaction lost = transactions.startTransaction();
            engine.appendEvents(List.of(event("lost")));
            lost.rollback();
            CompletableFuture.runAsync(() -> {
                Transaction transaction = transactions.startTransaction();
                engine.appendEvents(List.of(event("kept")));
                transaction.commit();
            }).get(1, TimeUnit.MINUTES);
            assertEquals(List.of(List.of("kept")), RawDatabase.rows(store.dataSource(),
                    "SELECT aggregateIdentifier FROM DomainEventEntry"));
        }
    }

    private static boolean waitingForTheOrder(Thread thread) {
        return thread != null && thread.getState() == Thread.State.TIMED_WAITING && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("orderAppend"));
    }

    private static List<List<String>> positions(H2Store store) throws Exception {
        return RawDatabase.rows(store.dataSource(), "SELECT globalIndex FROM DomainEventEntry");
    }

    private static GenericDomainEventMessage<Counter.Created> event(String aggregate) {
        return new GenericDomainEventMessage<>("counter", aggregate, 0, new Counter.Created(aggregate));
    }
}
