package org.wskemu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.explore.Explorer;

/** The sessions of explore's speed targets are the ones the issue names (the times are the bench's, not a test's). */
class ExploreFiguresTest {

    @Test
    void theSmallSessionIsThreeProgramsOfFourCallsOnOnePortWith34650Orders() {
        Explorer.Result result = ExploreFigures.explore(ExploreFigures.small(), ProfileId.WSK, 0);
        assertEquals(3, result.programs().size());
        assertEquals(BigInteger.valueOf(34_650), result.naiveOrders());
        assertTrue(result.complete());
        assertTrue(result.outcomes().size() > 1, "the port is contended: " + result.outcomes().size() + " outcomes");
        assertTrue(result.ordersRun() < 34_650);
    }

    @Test
    void theLargeSessionIsFourProgramsOfSixCallsCutByMaxOrders() {
        Explorer.Result result = ExploreFigures.explore(ExploreFigures.large(), ProfileId.WSK, 500);
        assertEquals(4, result.programs().size());
        assertEquals(new BigInteger("2308743493056"), result.naiveOrders(), "24!/(6!^4)");
        assertEquals(500, result.ordersRun());
        assertFalse(result.complete());
        assertTrue(result.outcomes().size() > 1);
    }
}
