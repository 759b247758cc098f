package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.engine.Sessions.bind;
import static org.wskemu.engine.Sessions.bindWithoutIrp;
import static org.wskemu.engine.Sessions.close;
import static org.wskemu.engine.Sessions.control;
import static org.wskemu.engine.Sessions.get;
import static org.wskemu.engine.Sessions.process;
import static org.wskemu.engine.Sessions.set;
import static org.wskemu.engine.Sessions.setSd;
import static org.wskemu.engine.Sessions.socket;
import static org.wskemu.engine.Sessions.socketOwned;
import static org.wskemu.engine.Sessions.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.irp.CallResult;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.WarningRow;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.timeline.Timeline;

/**
 * The timeline answers the state as of any position exactly as if the session had stopped there,
 * whatever its checkpoint interval.
 */
class TimelineTest {

    static final String ALICE = "S-1-5-21-1-2-3-1001";
    static final String BOB = "S-1-5-21-1-2-3-1002";

    /** Refusals of every kind, closes, ephemeral binds, options and descriptors changed after bind. */
    static final List<SessionCall> SESSION = List.of(
            process(4, "SY"),
            process(700, ALICE, "BU"),
            process(701, BOB, "BU"),
            thread(7001, 701, "SY"),
            socket("a", "listen", 4, "D:(A;;GA;;;WD)", "SUCCESS"),
            set("a", "SO_REUSEADDR", 1, "SUCCESS"),
            bind("a", "0.0.0.0:80", "SUCCESS"),
            socket("b", "listen", 700, null, "SUCCESS"),
            bind("b", "10.0.0.5:80", "SUCCESS"),                       // first REUSE W then NONE S: CHECK, granted
            socket("c", "listen", 701, null, "SUCCESS"),
            set("c", "SO_EXCLUSIVEADDRUSE", 1, "SUCCESS"),
            bind("c", "10.0.0.5:80", "ADDRESS_ALREADY_EXISTS"),        // b: first NONE S then EXCL S: INUSE
            set("c", "SO_REUSEADDR", 1, "INVALID_PARAMETER"),          // the other one is enabled
            set("c", "SO_EXCLUSIVEADDRUSE", 0, "SUCCESS"),
            bind("c", "10.0.0.5:80", "ADDRESS_ALREADY_EXISTS"),        // b: first NONE S then NONE S: INUSE
            bind("c", "10.0.0.6:80", "SUCCESS"),
            set("c", "SO_REUSEADDR", 1, "SUCCESS"),                    // after bind: a warning
            get("c", "SO_REUSEADDR", "SUCCESS", 1),
            close("b", "SUCCESS"),
            bind("b", "10.0.0.7:80", "INVALID_HANDLE"),
            socketOwned("d", "datagram", "inet", 4, null, null, null, "SUCCESS"),
            bind("d", "0.0.0.0:0", "SUCCESS"),                         // udp 49152
            socketOwned("e", "datagram", "inet", 700, null, null, null, "SUCCESS"),
            bind("e", "127.0.0.1:0", "SUCCESS"),                       // udp 49153
            socket("f", "listen", 700, null, "SUCCESS"),
            bind("f", "0.0.0.0:0", "SUCCESS"),                         // tcp 49152
            close("d", "SUCCESS"),
            socketOwned("g", "datagram", "inet", 701, null, null, null, "SUCCESS"),
            bind("g", "0.0.0.0:0", "SUCCESS"),                         // udp 49152 again
            setSd("g", "D:NO_ACCESS_CONTROL", "SUCCESS"),              // after bind: a warning
            socket("h", "basic", 4, null, "SUCCESS"),
            set("h", "SO_REUSEADDR", 1, "NOT_SUPPORTED"),
            bind("h", "0.0.0.0:81", "NOT_SUPPORTED"),
            socket("i", "listen", 4, null, "SUCCESS"),
            control("i", ControlRequest.get(OptionCode.SO_REUSEADDR).withOutputSize(3), "BUFFER_TOO_SMALL"),
            control("i", ControlRequest.set(OptionCode.SO_REUSEADDR, 1).withLevel(new OptionLevel(6)), "INVALID_PARAMETER"),
            bind("i", "[::1]:443", "INVALID_PARAMETER"),
            set("i", "SO_EXCLUSIVEADDRUSE", 1, "SUCCESS"),
            bind("i", "0.0.0.0:443", "SUCCESS"),
            socketOwned("j", "listen", "inet", 700, null, 7001L, null, "SUCCESS"),
            bind("j", "10.0.0.1:443", "ACCESS_DENIED"),                // first EXCL W then NONE S: DENIED
            bindWithoutIrp("j", "10.0.0.1:443", "INVALID_PARAMETER"),
            socket("k", "listen", 999, null, "INVALID_PARAMETER"),     // undeclared process
            bind("k", "0.0.0.0:82", "INVALID_HANDLE"),
            close("i", "SUCCESS"),
            bind("j", "10.0.0.1:443", "SUCCESS"),
            bind("j", "10.0.0.1:444", "ADDRESS_ALREADY_ASSOCIATED"),   // already bound (INVALID_PARAMETER before issue #12)
            socketOwned("l", "listen", "inet6", 700, null, null, null, "SUCCESS"),
            bind("l", "[::]:80", "SUCCESS"),                           // inet6 is its own name space
            get("a", "SO_WSK_SECURITY", "SUCCESS", null),
            close("a", "SUCCESS"),
            close("c", "SUCCESS"));

    /** An emulator whose socket handles come from a counter, so two runs of one session agree on them. */
    static WskEmulator emulator(int checkpointInterval) {
        AtomicLong handles = new AtomicLong();
        return WskEmulator.builder().socketIds(handles::incrementAndGet).checkpointInterval(checkpointInterval).build();
    }

    static WskEmulator emulator() {
        return emulator(Timeline.DEFAULT_CHECKPOINT_INTERVAL);
    }

    static void assertSameView(ReadModelView expected, ReadModelView actual, String where) {
        assertEquals(expected.position(), actual.position(), () -> "position " + where);
        assertEquals(expected.ownership(), actual.ownership(), () -> "ownership " + where);
        assertEquals(expected.decisions(), actual.decisions(), () -> "decisions " + where);
        assertEquals(expected.warnings(), actual.warnings(), () -> "warnings " + where);
        assertEquals(expected.sockets(), actual.sockets(), () -> "sockets " + where);
    }

    @Test
    void theScriptedSessionMeetsItsExpectations() {
        try (WskEmulator kernel = emulator()) {
            SessionRunner.Result result = kernel.sessions().run(SessionRunner.Run.of("timeline", SESSION));
            result.reports().forEach(r -> assertTrue(r.matches(), () -> r.call() + " gave " + r.status()));
            assertEquals(new CallResult.Bound(TransportAddress.parse("0.0.0.0:49152")), result.reports().get(28).result());
            assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
            assertEquals(List.of(WarningRow.Kind.OPTION_AFTER_BIND, WarningRow.Kind.MISUSE,
                            WarningRow.Kind.DESCRIPTOR_AFTER_BIND, WarningRow.Kind.MISUSE, WarningRow.Kind.MISUSE),
                    kernel.readModels().warnings().stream().map(WarningRow::kind).toList());
        }
    }

    @Test
    void theStateAtEachCallsPositionIsTheStateOfTheSessionStoppedAfterThatCall() {
        try (WskEmulator recorded = emulator(); WskEmulator stepwise = emulator()) {
            List<SessionRunner.Report> reports = recorded.sessions().run(SessionRunner.Run.of("timeline", SESSION)).reports();
            // one commit per call, and the read models noted after each
            List<ReadModelView> afterEach = new ArrayList<>();
            List<SessionRunner.Report> stepReports = stepwise.sessions()
                    .run(SessionRunner.Run.of("timeline", SESSION).withBatchSize(1)
                            .withProgress(report -> afterEach.add(stepwise.readModels()))).reports();
            assertEquals(reports.stream().map(SessionRunner.Report::position).toList(),
                    stepReports.stream().map(SessionRunner.Report::position).toList(), "same positions either way");
            for (int i = 0; i < reports.size(); i++) {
                long position = reports.get(i).position();
                assertTrue(position > 0, "every call is recorded");
                assertSameView(afterEach.get(i), recorded.timeline().at(position), "after call " + i + " at " + position);
            }
        }
    }

    @Test
    void theStateAtACallsPositionEqualsAFreshEmulatorThatRanTheCallsUpToIt() {
        try (WskEmulator recorded = emulator()) {
            List<SessionRunner.Report> reports = recorded.sessions().run(SessionRunner.Run.of("timeline", SESSION)).reports();
            for (int i : List.of(0, 6, 11, 19, 29, 33, 42, 46, SESSION.size() - 1)) {
                try (WskEmulator fresh = emulator()) {
                    List<SessionRunner.Report> freshReports = fresh.sessions().run(SessionRunner.Run.of("timeline", SESSION.subList(0, i + 1)))
                            .reports();
                    ReadModelView at = recorded.timeline().at(reports.get(i).position());
                    // the fresh run's last call is its last decision; after it the run records its lines
                    // (CallsRecorded, issue #13), which change no read model but take a position
                    assertEquals(reports.get(i).position(), freshReports.get(i).position(), "position of call " + i);
                    ReadModelView live = fresh.readModels();
                    assertEquals(live.ownership(), at.ownership(), () -> "ownership after call " + i);
                    assertEquals(live.decisions(), at.decisions(), () -> "decisions after call " + i);
                    assertEquals(live.warnings(), at.warnings(), () -> "warnings after call " + i);
                    assertEquals(live.sockets(), at.sockets(), () -> "sockets after call " + i);
                }
            }
        }
    }

    @Test
    void everyPositionEqualsFoldingTheLogFromItsStart() {
        try (WskEmulator kernel = emulator()) {
            kernel.sessions().run(SessionRunner.Run.of("timeline", SESSION));
            List<LoggedEvent> log = log(kernel);
            InMemoryReadModels folded = new InMemoryReadModels();
            assertSameView(folded, kernel.timeline().at(0), "at 0");
            assertEquals(List.of(), kernel.timeline().at(0).sockets());
            for (LoggedEvent event : log) {
                folded.fold(event);
                assertSameView(folded, kernel.timeline().at(event.position()), "at " + event.position());
            }
            long head = kernel.log().head();
            assertEquals(log.get(log.size() - 1).position(), head);
            assertSameView(kernel.readModels(), kernel.timeline().at(head), "at the head");
            IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                    () -> kernel.timeline().at(head + 100), "a position past the head is refused, as state --at refuses it");
            assertEquals("position " + (head + 100) + " is beyond the last recorded position " + head, beyond.getMessage());
        }
    }

    @Test
    void checkpointsDoNotChangeTheAnswers() {
        try (WskEmulator plain = emulator(); WskEmulator everyThird = emulator(3); WskEmulator everyOne = emulator(1)) {
            plain.sessions().run(SessionRunner.Run.of("timeline", SESSION));
            everyThird.sessions().run(SessionRunner.Run.of("timeline", SESSION));
            everyOne.sessions().run(SessionRunner.Run.of("timeline", SESSION));
            long head = plain.log().head();
            assertEquals(head, everyThird.log().head());
            assertTrue(head > 60, "enough events for twenty checkpoints: " + head);
            // forwards, while the checkpoints are being made
            for (long p = 0; p <= head; p++) {
                ReadModelView expected = plain.timeline().at(p);
                assertSameView(expected, everyThird.timeline().at(p), "interval 3 at " + p);
            }
            // backwards, once every checkpoint exists; the interval-1 timeline starts from the head
            everyOne.timeline().at(head);
            for (long p = head; p >= 0; p--) {
                ReadModelView expected = plain.timeline().at(p);
                assertSameView(expected, everyThird.timeline().at(p), "interval 3 at " + p);
                assertSameView(expected, everyOne.timeline().at(p), "interval 1 at " + p);
            }
        }
    }

    @Test
    void theTimelineFollowsALogThatKeepsGrowing() {
        try (WskEmulator kernel = emulator(3); WskEmulator reference = emulator()) {
            int half = SESSION.size() / 2;
            kernel.sessions().run(SessionRunner.Run.of("timeline", SESSION.subList(0, half)));
            reference.sessions().run(SessionRunner.Run.of("timeline", SESSION.subList(0, half)));
            long middle = kernel.log().head();
            ReadModelView before = kernel.timeline().at(middle);
            // a later run adds to the same machine; what was true at the middle stays true
            kernel.sessions().run(SessionRunner.Run.of("more", SESSION.subList(half, SESSION.size())));
            assertSameView(before, kernel.timeline().at(middle), "the past after the log grew");
            assertSameView(reference.readModels(), kernel.timeline().at(middle), "against an emulator that stopped there");
        }
    }

    private static List<LoggedEvent> log(WskEmulator kernel) {
        try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
            return events.toList();
        }
    }
}
