package org.wskemu.engine.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.engine.explore.Lines.OTHER;
import static org.wskemu.engine.explore.Lines.SYSTEM;
import static org.wskemu.engine.explore.Lines.USER;
import static org.wskemu.engine.explore.Lines.bind;
import static org.wskemu.engine.explore.Lines.close;
import static org.wskemu.engine.explore.Lines.set;
import static org.wskemu.engine.explore.Lines.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wskemu.api.NtStatus;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.rules.PlainModel;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.session.SessionFile;

/** Known sessions shrink to known minimal ones that keep the call's status, and to nothing smaller. */
class ShrinkerTest {

    private static final String DIVERGING_BIND = "{\"op\":\"bind\",\"socket\":\"drv\",\"address\":\"127.0.0.1:443\",\"expect\":\"SUCCESS\"}";

    /** A service takes 443 exclusively; a driver's specific bind then fails, though the recording says it succeeded. */
    static final List<String> RACE = List.of(
            "# boot: a service and a driver",
            SYSTEM, USER, OTHER,
            socket("noise", "inet", 900), bind("noise", "0.0.0.0:8080"),
            socket("svc", "inet", 4), set("svc", "SO_EXCLUSIVEADDRUSE", 1),
            set("noise", "SO_REUSEADDR", 1),
            bind("svc", "0.0.0.0:443"),
            socket("drv", "inet", 700), set("drv", "SO_REUSEADDR", 1),
            close("noise"),
            DIVERGING_BIND,
            close("drv"), close("svc"));

    /** The status the call at {@code line} (1-based) gets when {@code lines} run, or null if the file is invalid. */
    static NtStatus statusAt(List<String> lines, int line) {
        SessionFile file = SessionFile.parse("t", lines);
        if (!file.isValid()) {
            return null;
        }
        PlainModel model = new PlainModel(ProfileId.WSK);
        for (SessionCall call : file.calls()) {
            NtStatus status = model.decide(call);
            if (call.line() == line) {
                return status;
            }
        }
        return null;
    }

    static void assertOneMinimal(Shrinker.Shrunk shrunk) {
        assertEquals(shrunk.status(), statusAt(shrunk.lines(), shrunk.lineAfter()), "the shrunk file keeps the status");
        for (int drop = 0; drop < shrunk.lines().size(); drop++) {
            if (drop + 1 == shrunk.lineAfter()) {
                continue;
            }
            List<String> smaller = new ArrayList<>(shrunk.lines());
            smaller.remove(drop);
            int at = shrunk.lineAfter() - (drop + 1 < shrunk.lineAfter() ? 1 : 0);
            assertNotEquals(shrunk.status(), statusAt(smaller, at), "line " + (drop + 1) + " can go: not 1-minimal");
        }
    }

    @Test
    void theFirstDivergenceShrinksToTheTwoSocketsAndTheirBinds() {
        Shrinker.Shrunk shrunk = Shrinker.shrink("t", RACE, ProfileId.WSK, null).orElseThrow();
        assertEquals(14, shrunk.line());
        assertEquals(12, shrunk.callsBefore());
        assertTrue(shrunk.lines().containsAll(List.of(SYSTEM, USER, socket("svc", "inet", 4), bind("svc", "0.0.0.0:443"),
                socket("drv", "inet", 700), DIVERGING_BIND)), String.join("\n", shrunk.lines()));
        assertTrue(shrunk.lines().stream().noneMatch(l -> l.contains("noise") || l.contains("900") || l.startsWith("#")));
        assertEquals(shrunk.lines().indexOf(DIVERGING_BIND) + 1, shrunk.lineAfter());
        assertEquals(shrunk.lines().size() - 2, shrunk.callsAfter(), "every line but the two process declarations is a call");
        assertOneMinimal(shrunk);
    }

    @Test
    void callKeepsTheStatusOfAnyCallDivergedOrNot() {
        int svcBind = RACE.indexOf(bind("svc", "0.0.0.0:443")) + 1;
        Shrinker.Shrunk shrunk = Shrinker.shrink("t", RACE, ProfileId.WSK, svcBind).orElseThrow();
        assertEquals(NtStatus.SUCCESS, shrunk.status());
        assertEquals(List.of(SYSTEM, socket("svc", "inet", 4), bind("svc", "0.0.0.0:443")), shrunk.lines());
        assertEquals(2, shrunk.callsAfter());
        assertOneMinimal(shrunk);
    }

    @Test
    void aSessionWithoutDivergenceHasNothingToKeep() {
        List<String> lines = List.of(SYSTEM, socket("a", "inet", 4), bind("a", "0.0.0.0:80"));
        assertEquals(Optional.empty(), Shrinker.shrink("t", lines, ProfileId.WSK, null));
    }

    @Test
    void anAlreadyMinimalSessionStaysAsItIs() {
        List<String> lines = List.of(SYSTEM, socket("a", "inet", 4),
                "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\",\"expect\":\"ACCESS_DENIED\"}");
        Shrinker.Shrunk shrunk = Shrinker.shrink("t", lines, ProfileId.WSK, null).orElseThrow();
        assertEquals(lines, shrunk.lines());
        assertEquals(2, shrunk.callsBefore());
        assertEquals(2, shrunk.callsAfter());
    }

    @Test
    void callNamingADeclarationOrACommentIsNotACall() {
        assertThrows(Shrinker.NotACall.class, () -> Shrinker.shrink("t", RACE, ProfileId.WSK, 2));
        assertThrows(Shrinker.NotACall.class, () -> Shrinker.shrink("t", RACE, ProfileId.WSK, 1));
        assertThrows(Shrinker.NotACall.class, () -> Shrinker.shrink("t", RACE, ProfileId.WSK, 99));
    }
}
