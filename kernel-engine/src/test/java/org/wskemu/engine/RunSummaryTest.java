package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wskemu.api.ProcessId;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.log.RunSummary;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/** {@link RunSummary}: one entry per run, counting each call once however many events it wrote. */
class RunSummaryTest {

    @Test
    void eachRunCountsItsCallsOnceWhateverEventsTheyWrote() {
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            // before any run: an embedder's own call belongs to no run
            kernel.declareProcess(new ProcessId(9), Token.of(Sid.LOCAL_SYSTEM));
            // every kind of call: declarations, refusals, a bind on port 0 (range and port halves),
            // closes that release, calls on a closed socket and with a NULL IRP
            List<SessionCall> first = List.of(
                    Sessions.process(4, "SY"),
                    Sessions.thread(8, 4, "S-1-5-21-1-2-3-1001"),
                    Sessions.socket("a", "listen", 4, "D:(A;;GA;;;WD)", null),
                    Sessions.set("a", "SO_REUSEADDR", 1, null),
                    Sessions.set("a", "SO_EXCLUSIVEADDRUSE", 1, "INVALID_PARAMETER"),
                    Sessions.bind("a", "0.0.0.0:0", "SUCCESS"),
                    Sessions.socket("b", "listen", 4, null, null),
                    Sessions.bind("b", "0.0.0.0:49152", "ADDRESS_ALREADY_EXISTS"),
                    Sessions.bind("b", "[::1]:80", "INVALID_PARAMETER"),
                    Sessions.bind("b", "10.0.0.1:80", "SUCCESS"),
                    Sessions.get("a", "SO_REUSEADDR", "SUCCESS", 1),
                    Sessions.close("a", "SUCCESS"),
                    Sessions.close("a", "INVALID_HANDLE"),
                    new SessionCall.Bind(0, "b", org.wskemu.api.TransportAddress.parse("0.0.0.0:81"), false, null));
            List<SessionCall> second = List.of(
                    Sessions.socket("c", "datagram", 4, null, null),
                    Sessions.setSd("c", "D:NO_ACCESS_CONTROL", null),
                    Sessions.bind("c", "0.0.0.0:53", "SUCCESS"),
                    Sessions.close("c", "SUCCESS"),
                    Sessions.close("b", "INVALID_HANDLE"));
            assertEquals(0, kernel.sessions().run("first.wsk.jsonl", first).divergences());
            assertEquals(0, kernel.sessions().run("second.wsk.jsonl", second).divergences());

            List<RunSummary> runs;
            List<LoggedEvent> log = new ArrayList<>();
            try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
                events.forEach(log::add);
            }
            runs = RunSummary.of(log.stream());

            assertEquals(2, runs.size());
            RunSummary one = runs.get(0);
            RunSummary two = runs.get(1);
            assertEquals(new RunSummary(1, "first.wsk.jsonl", 2, two.first() - 1, first.size()), one);
            assertEquals(new RunSummary(2, "second.wsk.jsonl", two.first(), log.get(log.size() - 1).position(),
                    second.size()), two);
        }
    }

    @Test
    void aLogWithoutRunsHasNone() {
        assertEquals(List.of(), RunSummary.of(Stream.empty()));
    }
}
