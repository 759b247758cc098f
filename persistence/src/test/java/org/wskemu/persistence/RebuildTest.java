package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.emulator;
import static org.wskemu.persistence.EngineSessions.fold;
import static org.wskemu.persistence.EngineSessions.generate;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.ReadModelView;

/** Invariant 3 on H2: the live read models, a rebuild and an in-memory fold of the log agree row for row. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RebuildTest {

    static final long SEED = 0xB01D_2026L;
    static final int CALLS = 3_000;

    @Test
    void liveReadModelsEqualARebuildAndAFoldOfTheLog() throws Exception {
        H2Storage storage = H2Storage.open(StoreLocation.memory());
        try (WskEmulator kernel = emulator(storage, new AtomicLong())) {
            SessionRunner.Result result = kernel.sessions().run(SessionRunner.Run.of("generated", generate(SEED, CALLS)));
            assertEquals(CALLS, result.reports().size());
            ReadModelView live = copy(kernel.readModels());
            RestartTest.assertVaried(result, live);
            assertTrue(live.decisions().size() > 500, "thousands of calls, hundreds of decisions: " + live.decisions().size());
            long head = kernel.log().head();
            assertEquals(head, live.position());

            assertSameView(fold(kernel.log()), live, "live against a fold of the log");
            ReadModelView rebuilt = copy(kernel.rebuild());
            assertSameView(live, rebuilt, "rebuild against live");
            assertEquals(head, RestartTest.tokenIndex(storage), "the rebuilt processor's token is at the head");
            assertEquals(live.decisions().size(), RestartTest.count(storage, "wsk_decision"));
            // and the processor goes on folding new calls after the rebuild
            kernel.sessions().run(SessionRunner.Run.of("more", EngineSessions.generateMore(SEED + 1, 200)));
            assertSameView(fold(kernel.log()), copy(kernel.readModels()), "live after more calls");
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
        }
    }
}
