package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.engine.Sessions.bind;
import static org.wskemu.engine.Sessions.close;
import static org.wskemu.engine.Sessions.process;
import static org.wskemu.engine.Sessions.set;
import static org.wskemu.engine.Sessions.socket;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wskemu.api.NtStatus;
import org.wskemu.engine.session.SessionCall;

class SessionRunnerTest {

    /** The example of SESSION-FORMAT.md: two drivers race for port 80. */
    static List<SessionCall> contractExample() {
        return List.of(
                process(4, "SY"),
                process(700, "S-1-5-21-1-2-3-1001", "BU"),
                socket("a", "listen", 4, "D:(A;;GA;;;SY)", null),
                set("a", "SO_EXCLUSIVEADDRUSE", 1, "SUCCESS"),
                bind("a", "0.0.0.0:80", "SUCCESS"),
                socket("b", "listen", 700, null, null),
                bind("b", "10.0.0.5:80", "ACCESS_DENIED"),
                close("a", null),
                bind("b", "10.0.0.5:80", "SUCCESS"));
    }

    @Test
    void contractExampleMeetsEveryExpectation() {
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            SessionRunner.Result result = kernel.sessions().run(SessionRunner.Run.of("example", contractExample()));
            result.reports().forEach(r -> assertTrue(r.matches(), () -> r.call() + " gave " + r.status()));
            assertEquals(0, result.divergences());
            assertEquals(4, result.expectations());
            List<Long> positions = result.reports().stream().map(SessionRunner.Report::position).toList();
            for (int i = 1; i < positions.size(); i++) {
                assertTrue(positions.get(i) > positions.get(i - 1), "positions increase: " + positions);
            }
            assertEquals(1, kernel.readModels().ownership().size());
            assertEquals("b", kernel.readModels().ownership().get(0).label());
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
            assertEquals(NtStatus.ACCESS_DENIED, kernel.readModels().decisions().get(1).status());
        }
    }
}
