package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.verify.Verifier;
import org.wskemu.engine.verify.VerifyReport;

/**
 * {@code verify} re-derives the whole recorded decision, not only its status: a reason text edited
 * behind the engine's back ("granted by policy (auditor approved)"), or a consultation dropped, is a
 * mismatch at its position even though the status still re-derives.
 */
class WholeDecisionVerifyTest {

    private static List<LoggedEvent> recorded() {
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            List<SessionCall> calls = List.of(
                    Sessions.process(4, "SY"),
                    Sessions.process(700, "S-1-5-21-1-2-3-1001", "BU"),
                    Sessions.socket("a", "listen", 4, "D:(A;;GA;;;SY)", null),
                    Sessions.set("a", "SO_EXCLUSIVEADDRUSE", 1, "SUCCESS"),
                    Sessions.bind("a", "0.0.0.0:80", "SUCCESS"),
                    Sessions.socket("b", "listen", 700, null, null),
                    Sessions.bind("b", "10.0.0.5:80", "ACCESS_DENIED"),
                    Sessions.socket("c", "listen", 4, "D:(A;;GA;;;SY)", null),
                    Sessions.bind("c", "10.0.0.6:81", "SUCCESS"));
            assertEquals(0, kernel.sessions().run(SessionRunner.Run.of("race.wsk.jsonl", calls)).divergences());
            List<LoggedEvent> log = new ArrayList<>();
            try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
                events.forEach(log::add);
            }
            return log;
        }
    }

    private static EventLog changed(List<LoggedEvent> log, UnaryOperator<LoggedEvent> change) {
        List<LoggedEvent> edited = log.stream().map(change).toList();
        return new EventLog() {
            @Override
            public Stream<LoggedEvent> readAfter(long position) {
                return edited.stream().filter(e -> e.position() > position);
            }

            @Override
            public Map<String, Long> positionsOf(Collection<String> eventIds) {
                return Map.of();
            }

            @Override
            public long head() {
                return edited.get(edited.size() - 1).position();
            }
        };
    }

    private static LoggedEvent refusalWith(LoggedEvent logged, UnaryOperator<BindDecision> change) {
        if (logged.event() instanceof BindRefused refused) {
            return new LoggedEvent(logged.position(), logged.eventId(), logged.timestamp(), new BindRefused(refused.socket(),
                    refused.label(), refused.run(), refused.process(), change.apply(refused.decision())), logged.run());
        }
        return logged;
    }

    private static long refusalPosition(List<LoggedEvent> log) {
        return log.stream().filter(e -> e.event() instanceof BindRefused).findFirst().orElseThrow().position();
    }

    @Test
    void anUnchangedLogVerifiesWholeDecisionsClean() {
        List<LoggedEvent> log = recorded();
        assertTrue(log.stream().anyMatch(e -> e.event() instanceof SocketBound));
        assertEquals(List.of(), Verifier.verify(changed(log, e -> e)).mismatches());
    }

    @Test
    void anEditedReasonIsAMismatchThoughTheStatusReDerives() {
        List<LoggedEvent> log = recorded();
        VerifyReport report = Verifier.verify(changed(log, e -> refusalWith(e, d -> new BindDecision(d.profile(),
                d.requested(), d.actual(), d.option(), d.status(), "granted by policy (auditor approved)", d.consultations()))));
        assertEquals(1, report.mismatches().size(), report.mismatches()::toString);
        VerifyReport.Mismatch mismatch = report.mismatches().get(0);
        assertEquals(refusalPosition(log), mismatch.position());
        assertTrue(mismatch.toString().contains("bind reason") && mismatch.toString().contains("auditor approved"),
                mismatch::toString);
    }

    @Test
    void aDroppedConsultationIsAMismatch() {
        List<LoggedEvent> log = recorded();
        VerifyReport report = Verifier.verify(changed(log, e -> refusalWith(e, d -> new BindDecision(d.profile(),
                d.requested(), d.actual(), d.option(), d.status(), d.reason(), List.of()))));
        assertEquals(1, report.mismatches().size(), report.mismatches()::toString);
        assertTrue(report.mismatches().get(0).toString().contains("bind consultations"), report.mismatches()::toString);
    }
}
