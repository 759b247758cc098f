package org.wskemu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wskemu.api.ControlType;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.engine.SessionRunner;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.security.SecurityDescriptor;

class SessionGeneratorTest {

    private static final int SIZE = 3_000;

    @Test
    void theSameSeedGivesTheSameCalls() {
        assertEquals(SessionGenerator.generate(7, SIZE), SessionGenerator.generate(7, SIZE));
        assertEquals(SessionGenerator.generate(7, 500), SessionGenerator.generate(7, SIZE).subList(0, 500),
                "a shorter session is a prefix of a longer one");
    }

    @Test
    void anotherSeedGivesOtherCalls() {
        assertNotEquals(SessionGenerator.generate(7, SIZE), SessionGenerator.generate(8, SIZE));
    }

    @Test
    void theFileItWritesReadsBackAsTheSameCalls(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("generated.wsk.jsonl");
        SessionGenerator.write(7, SIZE, file);
        org.wskemu.engine.session.SessionFile read = org.wskemu.engine.session.SessionFile.read(file);
        assertEquals(List.of(), read.faults());
        assertEquals(SessionGenerator.generate(7, SIZE), read.calls(), "every call, on its own line");
    }

    @Test
    void itGivesExactlyTheCallsAskedFor() {
        assertEquals(1, SessionGenerator.generate(1, 1).size());
        assertEquals(SIZE, SessionGenerator.generate(1, SIZE).size());
    }

    @Test
    void everyKindOfCallIsThereInARealisticShare() {
        List<SessionCall> calls = SessionGenerator.generate(1, SIZE);
        Map<String, Long> ops = calls.stream().collect(Collectors.groupingBy(call -> call.op().text(), Collectors.counting()));
        assertEquals(4, ops.get("process"), ops.toString());
        assertEquals(1, ops.get("thread"), ops.toString());
        for (String op : List.of("socket", "set", "get", "bind", "close")) {
            assertTrue(ops.getOrDefault(op, 0L) > SIZE / 20, op + " in " + ops);
        }
        assertTrue(ops.get("bind") > ops.get("get"), "binds are the core of the mix: " + ops);
    }

    @Test
    void allThreeOptionsAreSetAndRead() {
        List<SessionCall.Control> controls = controls(SessionGenerator.generate(1, SIZE));
        for (ControlType type : ControlType.values()) {
            for (OptionCode option : List.of(OptionCode.SO_REUSEADDR, OptionCode.SO_EXCLUSIVEADDRUSE,
                    OptionCode.SO_WSK_SECURITY)) {
                assertTrue(controls.stream().anyMatch(c -> c.request().type() == type && c.request().option().equals(option)),
                        type + " " + option);
            }
        }
    }

    @Test
    void descriptorsThatGrantAndThatRefuseAreGiven() {
        List<SessionCall> calls = SessionGenerator.generate(1, SIZE);
        Set<SecurityDescriptor> given = new HashSet<>();
        boolean defaulted = false;
        for (SessionCall call : calls) {
            if (call instanceof SessionCall.CreateSocket create) {
                if (create.request().descriptor() == null) {
                    defaulted = true; // the profile's default: owner only, refuses every other user
                } else {
                    given.add(create.request().descriptor());
                }
            }
        }
        assertTrue(defaulted);
        assertTrue(given.contains(SecurityDescriptor.parse(SessionGenerator.GRANT_EVERYONE)), "grants everyone");
        assertTrue(given.contains(SecurityDescriptor.parse(SessionGenerator.GRANT_USERS)), "grants BUILTIN\\Users");
        assertTrue(given.contains(SecurityDescriptor.parse(SessionGenerator.DENY_EVERYONE)), "refuses everyone");
    }

    @Test
    void bindsAreHotAndColdWildcardAndSpecificAndEphemeral() {
        List<SessionCall.Bind> binds = SessionGenerator.generate(1, SIZE).stream()
                .filter(SessionCall.Bind.class::isInstance).map(SessionCall.Bind.class::cast).toList();
        long ephemeral = binds.stream().filter(b -> b.address().port() == 0).count();
        long wildcard = binds.stream().filter(b -> b.address().isWildcard()).count();
        Map<Integer, Long> byPort = binds.stream().filter(b -> b.address().port() != 0)
                .collect(Collectors.groupingBy(b -> b.address().port(), Collectors.counting()));
        assertTrue(ephemeral > 10, "ephemeral binds: " + ephemeral);
        assertTrue(wildcard > 10 && wildcard < binds.size() - 10, "wildcard " + wildcard + " of " + binds.size());
        for (int hot : SessionGenerator.HOT_PORTS) {
            assertTrue(byPort.getOrDefault(hot, 0L) > 20, "hot port " + hot + ": " + byPort.get(hot));
        }
        assertTrue(byPort.values().stream().filter(n -> n == 1).count() > 100, "many cold ports bound once");
    }

    @Test
    void misuseIsThereCallsAfterCloseNullIrpsBadSizesLevelsAndOptions() {
        List<SessionCall> calls = SessionGenerator.generate(1, SIZE);
        Set<String> closed = new HashSet<>();
        int afterClose = 0;
        for (SessionCall call : calls) {
            if (call.label() != null && closed.contains(call.label()) && !(call instanceof SessionCall.CreateSocket)) {
                afterClose++;
            }
            if (call instanceof SessionCall.Close close && close.irp()) {
                closed.add(close.label());
            }
        }
        assertTrue(afterClose > 0, "calls after close");
        assertTrue(calls.stream().anyMatch(c -> c instanceof SessionCall.Bind b && !b.irp()), "a NULL IRP");
        List<SessionCall.Control> controls = controls(calls);
        assertTrue(controls.stream().anyMatch(c -> c.request().inputSize() == 2), "a bad InputSize");
        assertTrue(controls.stream().anyMatch(c -> !c.request().level().equals(OptionLevel.SOL_SOCKET)), "a bad level");
        assertTrue(controls.stream().anyMatch(c -> !c.request().option().isKnown()), "an unknown option");
    }

    @Test
    void theEngineGrantsRefusesAndReportsTheMisuse() {
        AtomicLong ids = new AtomicLong();
        Map<NtStatus, Integer> statuses = new HashMap<>();
        Map<NtStatus, Integer> bindStatuses = new HashMap<>();
        Map<NtStatus, Integer> checks = new HashMap<>();
        try (WskEmulator kernel = WskEmulator.builder().socketIds(ids::incrementAndGet).build()) {
            SessionRunner.Result result = kernel.sessions().run(SessionRunner.Run.of("test", SessionGenerator.generate(1, 2_000)));
            for (SessionRunner.Report report : result.reports()) {
                statuses.merge(report.status(), 1, Integer::sum);
                if (report.call() instanceof SessionCall.Bind) {
                    bindStatuses.merge(report.status(), 1, Integer::sum);
                }
            }
            assertTrue(kernel.failures().isEmpty(), kernel.failures().toString());
            try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
                events.forEach(e -> {
                    BindDecision decision = e.event() instanceof SocketBound bound ? bound.decision()
                            : e.event() instanceof BindRefused refused ? refused.decision() : null;
                    if (decision != null) {
                        decision.consultations().stream().filter(c -> c.cell() == SharingCell.CHECK)
                                .forEach(c -> checks.merge(c.outcome(), 1, Integer::sum));
                    }
                });
            }
        }
        assertTrue(checks.getOrDefault(NtStatus.SUCCESS, 0) > 0, "access checks that grant: " + checks);
        assertTrue(checks.getOrDefault(NtStatus.ACCESS_DENIED, 0) > 0, "access checks that refuse: " + checks);
        assertTrue(bindStatuses.getOrDefault(NtStatus.SUCCESS, 0) > 100, "granted binds: " + bindStatuses);
        assertTrue(bindStatuses.getOrDefault(NtStatus.ACCESS_DENIED, 0) > 10, "refused by a descriptor or the table: "
                + bindStatuses);
        assertTrue(bindStatuses.getOrDefault(NtStatus.ADDRESS_ALREADY_EXISTS, 0) > 10, "in use: " + bindStatuses);
        assertTrue(statuses.getOrDefault(NtStatus.INVALID_HANDLE, 0) > 0, "calls after close: " + statuses);
        assertTrue(statuses.getOrDefault(NtStatus.INVALID_PARAMETER, 0) > 0, "NULL IRPs and bad sizes: " + statuses);
    }

    private static List<SessionCall.Control> controls(List<SessionCall> calls) {
        return calls.stream().filter(SessionCall.Control.class::isInstance).map(SessionCall.Control.class::cast).toList();
    }
}
