package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When an aggregate is created without a read of the store (issue #22), and when it is looked for first. */
class NewAggregatesTest {

    @Test
    void onAStoreThatWasEmptyAnAggregateIsNewOnlyTheFirstTimeItIsMet() {
        NewAggregates known = new NewAggregates(true);
        assertTrue(known.isNew("tcp/inet/80"), "never met on an empty store: new");
        known.created("tcp/inet/80");
        assertFalse(known.isNew("tcp/inet/80"), "met before (perhaps rolled back): looked for");
        assertTrue(known.isNew("tcp/inet6/80"), "another port: new");
        known.created("tcp/inet6/80");
    }

    @Test
    void aCallerMeetingAnAggregateAnotherIsMakingWaitsUntilItIsMadeThenLooksForIt() throws Exception {
        NewAggregates known = new NewAggregates(true);
        assertTrue(known.isNew("tcp/inet/443"), "the first caller makes it");
        java.util.concurrent.CompletableFuture<Boolean> second =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> known.isNew("tcp/inet/443"));
        Thread.sleep(100); // the second caller is waiting; nothing is asserted on time
        assertFalse(second.isDone(), "the second caller waits while the first makes the aggregate");
        known.created("tcp/inet/443");
        assertFalse(second.get(1, java.util.concurrent.TimeUnit.MINUTES), "then it looks for it");
    }

    @Test
    void onAStoreThatHeldEventsEveryAggregateIsLookedFor() {
        NewAggregates known = new NewAggregates(false);
        assertFalse(known.isNew("tcp/inet/80"));
        assertFalse(known.isNew("ephemeral/udp/inet"));
    }

    @Test
    void afterALostRaceNothingIsKnownToBeNew() {
        NewAggregates known = new NewAggregates(true);
        assertTrue(known.isNew("tcp/inet/80"));
        known.created("tcp/inet/80");
        known.lostRace();
        assertFalse(known.isNew("tcp/inet/443"), "another writer may have made it");
    }
}
