package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.session.SessionFile;

/**
 * The streamed form of a run (issue #15) records what the list form records: the same events, the
 * run's lines in events of {@link SessionRunner#RECORDED_CALLS_PER_EVENT} entries (the first ones
 * spooled to a temporary file), and a summary that agrees with the reports.
 */
class StreamedRunTest {

    /** More calls than two events of entries hold, so that entries are spooled, read back and chunked. */
    private static List<SessionCall> session() {
        List<String> lines = new ArrayList<>();
        lines.add("# a long session");
        lines.add("{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}");
        for (int i = 0; lines.size() < 2 * SessionRunner.RECORDED_CALLS_PER_EVENT + 500; i++) {
            String label = "\"socket\":\"s" + i + "\"";
            lines.add("{\"op\":\"socket\"," + label + ",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}");
            lines.add("{\"op\":\"bind\"," + label + ",\"address\":\"0.0.0.0:" + (1000 + i % 7) + "\""
                    + (i % 5 == 0 ? ",\"expect\":\"ACCESS_DENIED\"" : "") + "}");
            lines.add("{\"op\":\"close\"," + label + "}");
        }
        lines.add("{\"op\":\"bind\",\"socket\":\"s1\",\"address\":\"0.0.0.0:80\"}"); // closed: INVALID_HANDLE
        SessionFile file = SessionFile.parse("long.wsk.jsonl", lines);
        assertEquals(List.of(), file.faults());
        return file.calls();
    }

    private static List<LoggedEvent> events(WskEmulator kernel) {
        List<LoggedEvent> log = new ArrayList<>();
        try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
            events.forEach(log::add);
        }
        return log;
    }

    @Test
    void theStreamedRunRecordsWhatTheListFormRecords() {
        List<SessionCall> calls = session();
        List<SessionRunner.Report> streamed = new ArrayList<>();
        List<LoggedEvent> streamedLog;
        SessionRunner.Result summary;
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            summary = kernel.sessions().run(SessionRunner.Run.of("s", calls.iterator()).withBatchSize(100)
                    .withProgress(streamed::add));
            streamedLog = events(kernel);
        }
        SessionRunner.Result listed;
        List<LoggedEvent> listedLog;
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            listed = kernel.sessions().run(SessionRunner.Run.of("s", calls).withBatchSize(100));
            listedLog = events(kernel);
        }
        // socket ids are random per engine: the same events in the same order, and the same recorded lines
        assertEquals(listedLog.stream().map(e -> e.event().getClass()).toList(),
                streamedLog.stream().map(e -> e.event().getClass()).toList());
        assertEquals(listedLog.stream().map(LoggedEvent::event).filter(CallsRecorded.class::isInstance).toList(),
                streamedLog.stream().map(LoggedEvent::event).filter(CallsRecorded.class::isInstance).toList());
        assertEquals(listed.reports().stream().map(r -> List.of(r.call(), r.status(), r.position())).toList(),
                streamed.stream().map(r -> List.of(r.call(), r.status(), r.position())).toList());

        assertEquals(calls.size(), summary.calls());
        assertEquals(listed.expectations(), summary.expectations());
        assertEquals(listed.divergences(), summary.divergences());
        assertEquals(listed.firstDivergence().orElseThrow().call(), summary.firstDivergence().orElseThrow().call());
        assertEquals(streamed.get(streamed.size() - 1), summary.last());
        assertEquals(0, summary.nextLine());

        List<CallsRecorded> recorded = streamedLog.stream().map(LoggedEvent::event)
                .filter(CallsRecorded.class::isInstance).map(CallsRecorded.class::cast).toList();
        int per = SessionRunner.RECORDED_CALLS_PER_EVENT;
        List<SessionRunner.Report> withPosition = streamed.stream().filter(r -> r.position() > 0).toList();
        List<Integer> sizes = new ArrayList<>();
        for (int left = withPosition.size(); left > 0; left -= per) {
            sizes.add(Math.min(per, left));
        }
        assertEquals(sizes, recorded.stream().map(e -> e.calls().size()).toList());
        List<CallsRecorded.Call> entries = recorded.stream().flatMap(e -> e.calls().stream()).toList();
        assertEquals(withPosition.stream().map(SessionRunner::entry).toList(), entries);
    }

    @Test
    void failFastAndStopSayWhereTheRunStopped() {
        List<SessionCall> calls = session();
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            SessionRunner.Result failFast = kernel.sessions().run(SessionRunner.Run.of("s", calls.iterator())
                    .withBatchSize(10).withFailFast(true));
            // the first divergence is the first expectation that fails; the run stops after its batch
            assertEquals(true, failFast.stoppedEarly());
            assertEquals(10, failFast.calls(), "the first bind diverges: the run stops after the first batch");
            assertEquals(calls.get(10).line(), failFast.nextLine());
            assertEquals(calls.get(2), failFast.firstDivergence().orElseThrow().call());
            assertEquals(calls.get(9), failFast.last().call());

            int[] batches = {0};
            SessionRunner.Result stopped = kernel.sessions().run(SessionRunner.Run.of("s2", calls.iterator())
                    .withBatchSize(10).withStop(() -> batches[0]++ == 3));
            assertEquals(30, stopped.calls());
            assertEquals(calls.get(30).line(), stopped.nextLine());
            assertEquals(false, stopped.stoppedEarly());
            assertEquals(calls.get(29), stopped.last().call());
        }
    }
}
