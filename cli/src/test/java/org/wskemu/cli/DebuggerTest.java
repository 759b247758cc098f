package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.timeline.Timeline;

/** The debugger's core on the quickstart run in memory, and on the same run as an old store (no lines) keeps it. */
class DebuggerTest {

    static SessionRecording quickstart;

    @BeforeAll
    static void runTheQuickstart() {
        quickstart = SessionRecording.run(Cli.QUICKSTART, ProfileId.WSK, new PrintWriter(new StringWriter())).orElseThrow();
    }

    @AfterAll
    static void close() {
        quickstart.close();
    }

    /** The same recording without its {@link CallsRecorded} events: a store written before lines were recorded. */
    record WithoutLines(Recording recording) implements Recording {
        @Override
        public ReadModelView readModels() {
            return recording.readModels();
        }

        @Override
        public EventLog log() {
            EventLog log = recording.log();
            return new EventLog() {
                @Override
                public Stream<LoggedEvent> readAfter(long position) {
                    return log.readAfter(position).filter(e -> !(e.event() instanceof CallsRecorded));
                }

                @Override
                public Map<String, Long> positionsOf(Collection<String> eventIds) {
                    return log.positionsOf(eventIds);
                }

                @Override
                public long head() {
                    return log.head();
                }
            };
        }

        @Override
        public Timeline timeline() {
            return recording.timeline();
        }

        @Override
        public String source() {
            return recording.source();
        }
    }

    @Test
    void aRunWithoutRecordedLinesAnswersLineBreakpointsWithOneClearLine() {
        Debugger debugger = new Debugger(DebugRun.open(new WithoutLines(quickstart), null));
        assertFalse(debugger.run().linesRecorded());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> debugger.addBreakpoint(Debugger.Kind.LINE, 18, null, null));
        assertEquals("run 1 recorded no file lines (a store written before lines were recorded): use positions, "
                + "ports or statuses instead", refused.getMessage());
        StringWriter out = new StringWriter();
        DebugShell shell = new DebugShell(debugger, new PrintWriter(out, true), false);
        shell.execute("goto line 18");
        shell.execute("break refused");
        shell.execute("continue");
        assertEquals(String.join("\n",
                "error: run 1 recorded no file lines (a store written before lines were recorded): use positions, ports "
                        + "or statuses instead",
                "breakpoint 1: refused",
                "breakpoint 1 (refused)",
                "position 11, no line recorded (call 9 of 20): socket b443 bind to 192.168.1.10:443 refused: "
                        + "STATUS_ACCESS_DENIED: first EXCL W then second NONE S -> DENIED: 192.168.1.10:443 is held by "
                        + "socket a443 of run 1 (0.0.0.0:443)", ""), out.toString());
    }

    @Test
    void theCallsOfARunWithoutLinesAreTheCallsOfARunWithThem() {
        DebugRun with = DebugRun.open(quickstart, null);
        DebugRun without = DebugRun.open(new WithoutLines(quickstart), null);
        assertEquals(with.size(), without.size());
        for (int i = 0; i < with.size(); i++) {
            // a close's last event is the port's release, its own event the close: the same call either way
            assertEquals(new Debugger(with).call(i).text(), new Debugger(without).call(i).text(), "call " + i);
        }
    }

    @Test
    void aStepEitherWayMovesOneCallAndStopsAtTheEnds() {
        Debugger debugger = new Debugger(DebugRun.open(quickstart, null));
        assertEquals(Debugger.Reason.ENTRY, debugger.entry().reason());
        assertEquals(Debugger.Reason.EDGE, debugger.back().reason());
        assertEquals(0, debugger.cursor());
        assertEquals(Debugger.Reason.STEP, debugger.step().reason());
        assertEquals(1, debugger.cursor());
        debugger.gotoPercent(100);
        assertEquals(Debugger.Reason.EDGE, debugger.step().reason());
        assertEquals(debugger.run().size() - 1, debugger.cursor());
        assertEquals(Debugger.Reason.STEP, debugger.back().reason());
        assertEquals(debugger.run().size() - 2, debugger.cursor());
    }

    @Test
    void aWatchStopsOnlyWhereTheHoldersOfItsPortChange() {
        Debugger debugger = new Debugger(DebugRun.open(quickstart, null));
        debugger.entry();
        debugger.addWatch(443);
        Debugger.Stop bound = debugger.forward();
        assertEquals(Debugger.Reason.WATCH, bound.reason());
        assertEquals("socket a443 bound to 0.0.0.0:443 with SO_EXCLUSIVEADDRUSE under wsk: no binding overlaps 0.0.0.0:443",
                bound.call().text());
        Debugger.Stop closed = debugger.forward(); // b443's refused bind in between holds nothing
        assertEquals("socket a443 closed, releasing 0.0.0.0:443", closed.call().text());
        Debugger.Stop back = debugger.reverse();
        assertEquals(bound.call().position(), back.call().position());
        assertTrue(debugger.delete(1));
        assertEquals(Debugger.Reason.EDGE, debugger.forward().reason());
    }
}
