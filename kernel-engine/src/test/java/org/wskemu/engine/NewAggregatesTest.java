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
        assertFalse(known.isNew("tcp/inet/80"), "met before (perhaps rolled back): looked for");
        assertTrue(known.isNew("tcp/inet6/80"), "another port: new");
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
        known.lostRace();
        assertFalse(known.isNew("tcp/inet/443"), "another writer may have made it");
    }
}
