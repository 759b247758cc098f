package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two independent Axon configurations (own event store, own repository, no cache) on one store. */
@Tag("race")
class ConcurrencyTest {

    private H2Store store;
    private CounterApp first;
    private CounterApp second;

    @BeforeEach
    void startTwoApplicationsOnOneStore() {
        store = H2Store.open(StoreLocation.memory());
        first = CounterApp.start(AxonJdbcStorage.on(store));
        second = CounterApp.start(AxonJdbcStorage.on(store));
    }

    @AfterEach
    void stop() {
        Counter.beforeIncrement = () -> { };
        first.close();
        second.close();
        store.close();
    }

    @Test
    void secondCreationOfAnAggregateLosesWithAggregateStreamCreationException() throws Exception {
        first.gateway().sendAndWait(new Counter.Create("c"));

        AggregateStreamCreationException lost = assertThrows(AggregateStreamCreationException.class,
                () -> second.gateway().sendAndWait(new Counter.Create("c")));

        assertEquals(DuplicateKeyResolver.UNIQUE_VIOLATION, sqlStateOfCause(lost));
        assertEquals(1, eventCount());
    }

    @Test
    void racingAppendsAtOneSequenceNumberLeaveOneWinnerAndAConcurrencyException() throws Exception {
        first.gateway().sendAndWait(new Counter.Create("c"));
        // Both handlers load the aggregate at sequence 0 before either appends sequence 1.
        CyclicBarrier bothLoaded = new CyclicBarrier(2);
        Counter.beforeIncrement = () -> {
            try {
                bothLoaded.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        List<CompletableFuture<Object>> results = new ArrayList<>();
        for (CounterApp app : List.of(first, second)) {
            results.add(CompletableFuture.supplyAsync(() -> app.gateway().sendAndWait(new Counter.Increment("c", 1))));
        }

        List<Object> wins = new ArrayList<>();
        List<Throwable> losses = new ArrayList<>();
        for (CompletableFuture<Object> result : results) {
            try {
                wins.add(result.get(30, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                losses.add(e.getCause());
            }
        }
        assertEquals(List.of(1L), wins);
        assertEquals(1, losses.size());
        ConcurrencyException lost = assertInstanceOf(ConcurrencyException.class, losses.get(0));
        assertEquals(DuplicateKeyResolver.UNIQUE_VIOLATION, sqlStateOfCause(lost));
        assertEquals(2, eventCount());
    }

    private long eventCount() throws SQLException {
        return Long.parseLong(RawDatabase.rows(store.dataSource(), "SELECT COUNT(*) FROM DomainEventEntry").get(0).get(0));
    }

    private static String sqlStateOfCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
