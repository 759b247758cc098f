package org.wskemu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wskemu.api.NtStatus;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.rules.PlainModel;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.session.SessionCall;

/**
 * The bench's plain in-memory model (issue #15) is the same rules as the engine: for generated sessions,
 * every call's status from {@link PlainModel} equals the one {@code run} on a memory store gives.
 */
@Tag("slow")
class PlainModelTest {

    @Test
    void everyCallOfGeneratedSessionsGetsTheEnginesStatus() {
        for (long seed : new long[] {1, 42, 20_261_201}) {
            List<SessionCall> calls = SessionGenerator.generate(seed, 4_000);
            List<NtStatus> engine = new ArrayList<>(calls.size());
            BenchStore store = BenchStore.fresh(null, true, "plain-model-test", ProfileId.WSK);
            try {
                store.kernel().sessions().run(SessionRunner.Run.of("plain-model-test", calls)
                        .withBatchSize(SessionRunner.DEFAULT_BATCH_SIZE)
                        .withProgress(report -> engine.add(report.status())));
            } finally {
                store.discard();
            }
            List<NtStatus> plain = new PlainModel(ProfileId.WSK).decideAll(calls);
            assertEquals(calls.size(), engine.size(), "the engine reported every call");
            assertEquals(calls.size(), plain.size());
            Map<String, Integer> seen = new TreeMap<>();
            for (int i = 0; i < calls.size(); i++) {
                assertEquals(engine.get(i), plain.get(i), "seed " + seed + ", call " + (i + 1) + ": " + calls.get(i));
                seen.merge(plain.get(i).toString(), 1, Integer::sum);
            }
            // the comparison is not vacuous: the session exercises refusals as well as successes
            assertTrue(seen.size() >= 5, "statuses seen for seed " + seed + ": " + seen);
        }
    }

    @Test
    void aSecondModelDecidesTheSameSessionAlike() {
        List<SessionCall> calls = SessionGenerator.generate(7, 2_000);
        assertEquals(new PlainModel().decideAll(calls), new PlainModel().decideAll(calls));
    }
}
