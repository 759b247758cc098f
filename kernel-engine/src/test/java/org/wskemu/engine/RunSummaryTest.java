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
            assertEquals(0, kernel.sessions().run(SessionRunner.Run.of("first.wsk.jsonl", first)).divergences());
            assertEquals(0, kernel.sessions().run(SessionRunner.Run.of("second.wsk.jsonl", second)).divergences());

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

    /**
     * Two writers' runs interleaved in one log, as on a shared PostgreSQL store: each run's batches
     * mark their events, so each run keeps its own count and its own last position; the same log
     * without the marks (a store written before them) reads as before, by log order.
     */
    @Test
    void interleavedRunsCountTheirOwnCallsByTheirMarks() {
        List<LoggedEvent> one;
        List<LoggedEvent> two;
        List<SessionCall> a = List.of(Sessions.process(4, "SY"), Sessions.socket("a", "listen", 4, null, null),
                Sessions.bind("a", "0.0.0.0:80", "SUCCESS"), Sessions.close("a", "SUCCESS"));
        List<SessionCall> b = List.of(Sessions.process(7, "SY"), Sessions.socket("b", "datagram", 7, null, null),
                Sessions.bind("b", "0.0.0.0:53", "SUCCESS"), Sessions.get("b", "SO_REUSEADDR", "SUCCESS", 0),
                Sessions.close("b", "SUCCESS"), Sessions.close("b", "INVALID_HANDLE"));
        one = runAlone("a.wsk.jsonl", a);
        two = runAlone("b.wsk.jsonl", b);
        assertEquals(1L, one.get(1).run(), "a run's batches mark their events");
        assertEquals(null, one.get(0).run(), "a run's start carries its number in itself");

        // writer 2's run is run 2 of the shared store; their events alternate after both starts
        List<LoggedEvent> shared = new ArrayList<>();
        shared.add(renumber(one.get(0), shared.size() + 1, null));
        shared.add(renumber(new LoggedEvent(0, two.get(0).eventId(), two.get(0).timestamp(),
                new org.wskemu.api.event.RunStarted(2, "b.wsk.jsonl", null)), shared.size() + 1, null));
        for (int i = 1; i < Math.max(one.size(), two.size()); i++) {
            if (i < two.size()) {
                shared.add(renumber(two.get(i), shared.size() + 1, 2L));
            }
            if (i < one.size()) {
                shared.add(renumber(one.get(i), shared.size() + 1, 1L));
            }
        }
        List<RunSummary> runs = RunSummary.of(shared.stream());
        assertEquals(2, runs.size());
        assertEquals(new RunSummary(1, "a.wsk.jsonl", 1, lastOf(shared, 1L), a.size()), runs.get(0));
        assertEquals(new RunSummary(2, "b.wsk.jsonl", 2, lastOf(shared, 2L), b.size()), runs.get(1));

        // without the marks: by log order, everything after run 2's start is run 2's
        List<RunSummary> old = RunSummary.of(shared.stream().map(e -> renumber(e, e.position(), null)));
        assertEquals(0, old.get(0).calls());
        assertEquals(a.size() + b.size(), old.get(1).calls());
    }

    private static List<LoggedEvent> runAlone(String source, List<SessionCall> calls) {
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            kernel.sessions().run(SessionRunner.Run.of(source, calls));
            List<LoggedEvent> log = new ArrayList<>();
            try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
                events.forEach(log::add);
            }
            return log;
        }
    }

    /** The event at {@code position}, marked with {@code run} (or unmarked); a run's start keeps none. */
    private static LoggedEvent renumber(LoggedEvent event, long position, Long run) {
        boolean start = event.event() instanceof org.wskemu.api.event.RunStarted;
        return new LoggedEvent(position, event.eventId(), event.timestamp(), event.event(), start ? null : run);
    }

    private static long lastOf(List<LoggedEvent> log, Long run) {
        return log.stream().filter(e -> run.equals(e.run())).mapToLong(LoggedEvent::position).max().orElseThrow();
    }

    @Test
    void aLogWithoutRunsHasNone() {
        assertEquals(List.of(), RunSummary.of(Stream.empty()));
    }
}
