package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.common.stream.BlockingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {

    @TempDir
    Path temp;

    @Test
    void eventsSurviveClosingAndReopeningTheStore() throws Exception {
        StoreLocation location = StoreLocation.directory(temp.resolve("store"));
        List<List<String>> written;
        try (H2Store store = H2Store.open(location)) {
            try (CounterApp app = CounterApp.start(AxonJdbcStorage.on(store))) {
                app.gateway().sendAndWait(new Counter.Create("a"));
                app.gateway().sendAndWait(new Counter.Increment("a", 5));
                app.gateway().sendAndWait(new Counter.Create("b"));
                assertEquals(12L, (long) app.gateway().sendAndWait(new Counter.Increment("a", 7)));
            }
            written = RawDatabase.rows(store.dataSource(),
                    "SELECT globalIndex, aggregateIdentifier, sequenceNumber, eventIdentifier FROM DomainEventEntry ORDER BY 1");
        }

        try (H2Store reopened = H2Store.open(location)) {
            assertEquals(written, RawDatabase.rows(reopened.dataSource(),
                    "SELECT globalIndex, aggregateIdentifier, sequenceNumber, eventIdentifier FROM DomainEventEntry ORDER BY 1"));
            AxonJdbcStorage storage = AxonJdbcStorage.builder(reopened).batchSize(2).build();
            try (CounterApp app = CounterApp.start(storage)) {
                List<Object> payloads = app.eventStore().readEvents("a").asStream()
                        .map(DomainEventMessage::getPayload).collect(Collectors.toList());
                assertEquals(List.of(new Counter.Created("a"), new Counter.Incremented("a", 5, 5),
                        new Counter.Incremented("a", 7, 12)), payloads);

                try (BlockingStream<TrackedEventMessage<?>> stream = app.eventStore().openStream(null)) {
                    for (long expected = 1; expected <= 4; expected++) {
                        TrackingToken token = stream.nextAvailable().trackingToken();
                        assertEquals(expected, ((GapAwareTrackingToken) token).getIndex());
                    }
                }
                // The aggregate state is rebuilt from the reopened store.
                assertEquals(13L, (long) app.gateway().sendAndWait(new Counter.Increment("a", 1)));
            }
        }
    }
}
