package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wskemu.api.NtStatus;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.rules.PlainModel;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.session.SessionFile;
import org.wskemu.engine.verify.VerifyReport;

/** SPEC.md 6, rule 1a: a port-0 bind's recorded port, taken when free in every name space of the bind. */
class RecordedPortTest {

    private static final String HEAD = "{\"op\":\"process\",\"pid\":4,\"user\":\"S-1-5-21-1-2-3-1001\"}";

    private static List<SessionCall> calls(String... lines) {
        SessionFile file = SessionFile.parse("t", Stream.concat(Stream.of(HEAD), Stream.of(lines)).toList());
        assertEquals(List.of(), file.faults());
        return file.calls();
    }

    private record Ran(List<SessionRunner.Report> reports, List<String> reasons) {
        String port(int index) {
            return ((CallResult.Bound) reports.get(index).result()).address().toString();
        }
    }

    private static Ran run(List<SessionCall> calls) {
        try (WskEmulator kernel = WskEmulator.builder().profile(ProfileId.WSK).build()) {
            List<SessionRunner.Report> reports = kernel.sessions().run(SessionRunner.Run.of("t", calls)).reports();
            VerifyReport verify = kernel.verify();
            assertEquals(List.of(), verify.mismatches(), "verify re-derives every decision, recorded ports included");
            List<String> reasons;
            try (Stream<LoggedEvent> events = kernel.log().read(0, Long.MAX_VALUE)) {
                reasons = events.filter(e -> e.event() instanceof SocketBound)
                        .map(e -> ((SocketBound) e.event()).decision().reason()).toList();
            }
            // the plain model (the bench's reference) decides every call alike
            List<NtStatus> plain = new PlainModel(ProfileId.WSK).decideAll(calls);
            assertEquals(reports.stream().map(SessionRunner.Report::status).toList(), plain.subList(0, reports.size()));
            return new Ran(reports, reasons);
        }
    }

    @Test
    void aFreeRecordedPortIsTakenWhateverRangeItLiesInAndLaterCallsNamingItAgree() {
        Ran ran = run(calls(
                "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:0\",\"recordedPort\":39149,\"expect\":\"SUCCESS\"}",
                "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"b\",\"address\":\"0.0.0.0:39149\",\"expect\":\"ADDRESS_ALREADY_EXISTS\"}"));
        assertEquals("0.0.0.0:39149", ran.port(2));
        assertTrue(ran.reports().stream().allMatch(SessionRunner.Report::matches), ran.reports()::toString);
        assertTrue(ran.reasons().get(0).startsWith("recorded port 39149 taken"), ran.reasons().toString());
    }

    @Test
    void aHeldRecordedPortTakesRuleOnesPortAndIsADivergenceEvenWithoutAnExpect() {
        Ran ran = run(calls(
                "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"127.0.0.1:50000\",\"expect\":\"SUCCESS\"}",
                "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"b\",\"address\":\"10.0.0.1:0\",\"recordedPort\":50000}"));
        assertEquals("10.0.0.1:49152", ran.port(4));
        assertFalse(ran.reports().get(4).matches(), "a held recorded port is a divergence");
        assertTrue(ran.reports().get(4).hasExpectation());
        assertTrue(ran.reasons().get(1).contains("recorded port 50000 is held by socket a"), ran.reasons().toString());
    }

    @Test
    void aDualStackWildcardChecksBothNameSpaces() {
        Ran ran = run(calls(
                "{\"op\":\"socket\",\"socket\":\"v4\",\"category\":\"datagram\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"v4\",\"address\":\"127.0.0.1:40000\",\"expect\":\"SUCCESS\"}",
                "{\"op\":\"socket\",\"socket\":\"d\",\"category\":\"datagram\",\"family\":\"inet6\",\"process\":4}",
                "{\"op\":\"set\",\"socket\":\"d\",\"option\":\"IPV6_V6ONLY\",\"value\":0}",
                "{\"op\":\"bind\",\"socket\":\"d\",\"address\":\"[::]:0\",\"recordedPort\":40000,\"expect\":\"SUCCESS\"}",
                "{\"op\":\"socket\",\"socket\":\"e\",\"category\":\"datagram\",\"family\":\"inet6\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"e\",\"address\":\"[::]:0\",\"recordedPort\":40001,\"expect\":\"SUCCESS\"}"));
        assertEquals("[::]:49152", ran.port(5), "the inet half holds 40000");
        assertFalse(ran.reports().get(5).matches());
        assertEquals("[::]:40001", ran.port(7));
        assertTrue(ran.reports().get(7).matches());
    }

    @Test
    void aRecordedPortIsRefusedOnAnyBindButPortZero() {
        SessionFile file = SessionFile.parse("t", List.of(HEAD,
                "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4}",
                "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\",\"recordedPort\":80}",
                "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:0\",\"recordedPort\":70000}"));
        assertEquals(2, file.faults().size(), file.faults()::toString);
        assertTrue(file.faults().get(0).startsWith("t:3: 'recordedPort' belongs to a port-0 bind only"), file.faults().get(0));
        assertTrue(file.faults().get(1).startsWith("t:4: 'recordedPort'"), file.faults().get(1));
    }
}
