package org.wskemu.engine.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.engine.explore.Lines.OTHER;
import static org.wskemu.engine.explore.Lines.SYSTEM;
import static org.wskemu.engine.explore.Lines.USER;
import static org.wskemu.engine.explore.Lines.bind;
import static org.wskemu.engine.explore.Lines.close;
import static org.wskemu.engine.explore.Lines.session;
import static org.wskemu.engine.explore.Lines.set;
import static org.wskemu.engine.explore.Lines.socket;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wskemu.api.NtStatus;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.session.SessionCall;

/** Named races (the Windows-checked rules decide them) and the search's counts and bounds. */
@Tag("slow")
class ExplorerTest {

    static Explorer.Result explore(List<SessionCall> calls) {
        return Explorer.explore(calls, ProfileId.WSK, Explorer.By.PROCESS, Explorer.Mode.REDUCED, 0, 0, null);
    }

    static Explorer.Result naive(List<SessionCall> calls) {
        return Explorer.explore(calls, ProfileId.WSK, Explorer.By.PROCESS, Explorer.Mode.NAIVE, 0, 0, null);
    }

    private static Set<Integer> differingLines(Explorer.Outcome outcome) {
        Set<Integer> lines = new HashSet<>();
        outcome.differences().forEach(d -> lines.add(d.call().line()));
        return lines;
    }

    @Test
    void twoExclusiveWildcardBindsOnOnePortGiveTwoOutcomesEitherWins() {
        List<SessionCall> calls = session(SYSTEM, USER,
                socket("a", "inet", 4), set("a", "SO_EXCLUSIVEADDRUSE", 1), bind("a", "0.0.0.0:80"),
                socket("b", "inet", 700), set("b", "SO_EXCLUSIVEADDRUSE", 1), bind("b", "0.0.0.0:80"));
        Explorer.Result result = explore(calls);
        assertEquals(2, result.outcomes().size(), result.toString());
        Explorer.Outcome own = result.outcomes().get(0);
        Explorer.Outcome other = result.outcomes().get(1);
        assertEquals(List.of(), own.differences());
        assertEquals(NtStatus.SUCCESS, own.answers().get(2).status(), "a wins in the file's order");
        assertFalse(own.answers().get(5).status().isSuccess(), "b loses in the file's order");
        assertEquals(Set.of(5, 8), differingLines(other));
        assertFalse(other.answers().get(2).status().isSuccess(), "a loses when b binds first");
        assertEquals(NtStatus.SUCCESS, other.answers().get(5).status(), "b wins when it binds first");
        assertTrue(result.complete());
        assertEquals(BigInteger.valueOf(20), result.naiveOrders(), "C(6,3) interleavings of two programs of 3");
        assertTrue(result.differs());
    }

    @Test
    void aDualStackWildcardAndAnIpv4WildcardRace() {
        List<SessionCall> calls = session(SYSTEM, USER,
                socket("v6", "inet6", 4), set("v6", "IPV6_V6ONLY", 0), bind("v6", "[::]:80"),
                socket("v4", "inet", 700), bind("v4", "0.0.0.0:80"));
        Explorer.Result result = explore(calls);
        assertEquals(2, result.outcomes().size(), result.toString());
        assertEquals(NtStatus.SUCCESS, result.outcomes().get(0).answers().get(2).status(), "[::] first wins");
        assertTrue(differingLines(result.outcomes().get(1)).contains(5), result.toString());
        assertFalse(result.outcomes().get(1).answers().get(2).status().isSuccess(),
                "after the IPv4 wildcard, the dual-stack wildcard is refused in inet");
    }

    @Test
    void aV6OnlyWildcardAndAnIpv4WildcardNeverMeet() {
        List<SessionCall> calls = session(SYSTEM, USER,
                socket("v6", "inet6", 4), bind("v6", "[::]:80"),
                socket("v4", "inet", 700), bind("v4", "0.0.0.0:80"));
        Explorer.Result result = explore(calls);
        assertEquals(1, result.outcomes().size());
        assertEquals(1, result.ordersRun(), "different name spaces: every order is equivalent");
        assertEquals(BigInteger.valueOf(6), result.naiveOrders());
    }

    @Test
    void aSpecificBindAndAnExclusiveWildcardBindRace() {
        List<SessionCall> calls = session(SYSTEM, USER,
                socket("svc", "inet", 4), set("svc", "SO_EXCLUSIVEADDRUSE", 1), bind("svc", "0.0.0.0:443"),
                socket("drv", "inet", 700), bind("drv", "127.0.0.1:443"));
        Explorer.Result result = explore(calls);
        assertEquals(2, result.outcomes().size(), result.toString());
        Explorer.Outcome own = result.outcomes().get(0);
        assertEquals(NtStatus.SUCCESS, own.answers().get(2).status());
        assertFalse(own.answers().get(4).status().isSuccess());
        Explorer.Outcome other = result.outcomes().get(1);
        assertEquals(NtStatus.SUCCESS, other.answers().get(4).status(), "the specific bind first wins");
        assertFalse(other.answers().get(2).status().isSuccess(), "then the exclusive wildcard is refused");
    }

    @Test
    void aSessionWithOneProgramHasExactlyOneOutcome() {
        List<SessionCall> calls = session(SYSTEM,
                socket("a", "inet", 4), bind("a", "0.0.0.0:80"), socket("b", "inet", 4), bind("b", "0.0.0.0:80"),
                close("a"), bind("b", "0.0.0.0:81"));
        Explorer.Result result = explore(calls);
        assertEquals(1, result.outcomes().size());
        assertFalse(result.differs());
        assertEquals(1, result.ordersRun());
        assertEquals(BigInteger.ONE, result.naiveOrders());
        assertEquals(List.of("process 4"), result.programs());
    }

    @Test
    void programsOnDifferentPortsRunOneOrder() {
        List<SessionCall> calls = session(SYSTEM, USER, OTHER,
                socket("a", "inet", 4), bind("a", "0.0.0.0:80"), close("a"),
                socket("b", "inet", 700), bind("b", "0.0.0.0:81"), close("b"),
                socket("c", "inet", 900), bind("c", "0.0.0.0:82"), close("c"));
        Explorer.Result result = explore(calls);
        assertEquals(1, result.ordersRun());
        assertEquals(BigInteger.valueOf(1680), result.naiveOrders(), "9!/(3!3!3!)");
        assertEquals(1680, naive(calls).ordersRun());
    }

    @Test
    void threeProgramsOfFourCallsOnOnePortCount34650NaiveOrders() {
        List<String> lines = new ArrayList<>(List.of(SYSTEM, USER, OTHER));
        int[] pids = {4, 700, 900};
        for (int p = 0; p < 3; p++) {
            String label = "s" + p;
            lines.add(socket(label, "inet", pids[p]));
            lines.add(set(label, "SO_REUSEADDR", 1));
            lines.add(bind(label, "0.0.0.0:80"));
            lines.add(close(label));
        }
        Explorer.Result result = explore(session(lines));
        assertEquals(BigInteger.valueOf(34_650), result.naiveOrders());
        assertTrue(result.complete());
        assertTrue(result.ordersRun() < 34_650 / 10, "the reduction runs far fewer orders: " + result.ordersRun());
    }

    @Test
    void portZeroBindsInTwoProgramsTradeTheLowestEphemeralPort() {
        List<SessionCall> calls = session(SYSTEM, USER,
                socket("a", "inet", 4), bind("a", "0.0.0.0:0"),
                socket("b", "inet", 700), bind("b", "0.0.0.0:0"));
        Explorer.Result result = explore(calls);
        assertEquals(2, result.outcomes().size(), result.toString());
        assertEquals(TransportAddress.parse("0.0.0.0:49152"), result.outcomes().get(0).answers().get(1).bound());
        assertEquals(TransportAddress.parse("0.0.0.0:49152"), result.outcomes().get(1).answers().get(3).bound());
    }

    @Test
    void aLabelClosedByOneProgramAndCreatedByAnotherKeepsTheFileOrder() {
        List<SessionCall> calls = session(SYSTEM, USER,
                socket("x", "inet", 4), bind("x", "0.0.0.0:80"), close("x"),
                socket("x", "inet", 700), bind("x", "0.0.0.0:80"));
        Explorer.Result result = explore(calls);
        assertEquals(1, result.outcomes().size(), "the second x is created only after the first is closed");
        assertEquals(BigInteger.ONE, result.naiveOrders());
    }

    @Test
    void aHostLineAfterTheFirstCallIsRefusedWithItsLine() {
        List<SessionCall> calls = session(SYSTEM, socket("a", "inet", 4),
                "{\"op\":\"host\",\"addresses\":[\"10.0.0.5\"]}");
        Explorer.BadSession bad = assertThrows(Explorer.BadSession.class, () -> explore(calls));
        assertEquals(3, bad.line());
    }

    @Test
    void byThreadMakesEachOwningThreadAProgram() {
        List<SessionCall> calls = session(SYSTEM, "{\"op\":\"thread\",\"tid\":11,\"pid\":4}",
                "{\"op\":\"thread\",\"tid\":12,\"pid\":4}",
                "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4,\"owningThread\":11}",
                "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4,\"owningThread\":12}",
                bind("a", "0.0.0.0:80"), bind("b", "0.0.0.0:80"));
        assertEquals(1, explore(calls).outcomes().size(), "by process: one program");
        Explorer.Result byThread = Explorer.explore(calls, ProfileId.WSK, Explorer.By.THREAD, Explorer.Mode.REDUCED,
                0, 0, null);
        assertEquals(List.of("thread 11", "thread 12"), byThread.programs());
        assertEquals(2, byThread.outcomes().size());
    }

    @Test
    void aLongSessionOfOneProgramIsOneOrderWithoutDeepCopies() {
        List<String> lines = new ArrayList<>(List.of(SYSTEM));
        for (int i = 0; i < 3_000; i++) {
            lines.add(socket("s" + i, "inet", 4));
            lines.add(bind("s" + i, "0.0.0.0:" + (1000 + i % 500)));
            lines.add(close("s" + i));
        }
        Explorer.Result result = explore(session(lines));
        assertEquals(1, result.ordersRun());
        assertEquals(1, result.outcomes().size());
        assertEquals(9_000, result.outcomes().get(0).answers().size());
    }

    @Test
    void moreCallsThanTheBoundIsRefusedAtTheFirstCallPastIt() {
        List<String> lines = new ArrayList<>(List.of(SYSTEM, socket("a", "inet", 4)));
        for (int i = 0; i < Explorer.MAX_CALLS; i++) {
            lines.add(set("a", "SO_REUSEADDR", 1));
        }
        Explorer.BadSession bad = assertThrows(Explorer.BadSession.class, () -> explore(session(lines)));
        assertEquals(Explorer.MAX_CALLS + 2, bad.line());
    }

    @Test
    void maxOrdersCutsTheSearchAndSaysSo() {
        List<SessionCall> calls = session(SYSTEM, USER,
                socket("a", "inet", 4), set("a", "SO_EXCLUSIVEADDRUSE", 1), bind("a", "0.0.0.0:80"),
                socket("b", "inet", 700), set("b", "SO_EXCLUSIVEADDRUSE", 1), bind("b", "0.0.0.0:80"));
        Explorer.Result cut = Explorer.explore(calls, ProfileId.WSK, Explorer.By.PROCESS, Explorer.Mode.REDUCED, 1, 0, null);
        assertEquals(1, cut.ordersRun());
        assertFalse(cut.complete());
        assertEquals(1, cut.outcomes().size());
    }

    @Test
    void randomOrdersStartWithTheFilesOwnAndFindTheRace() {
        List<SessionCall> calls = session(SYSTEM, USER,
                socket("a", "inet", 4), set("a", "SO_EXCLUSIVEADDRUSE", 1), bind("a", "0.0.0.0:80"),
                socket("b", "inet", 700), set("b", "SO_EXCLUSIVEADDRUSE", 1), bind("b", "0.0.0.0:80"));
        Explorer.Result sampled = Explorer.explore(calls, ProfileId.WSK, Explorer.By.PROCESS, Explorer.Mode.RANDOM,
                200, 42, null);
        assertEquals(200, sampled.ordersRun());
        assertFalse(sampled.complete());
        assertEquals(2, sampled.outcomes().size());
        assertEquals(sampled.outcomes().stream().mapToLong(Explorer.Outcome::orders).sum(), 200);
    }
}
