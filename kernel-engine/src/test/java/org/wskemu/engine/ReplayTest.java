package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.engine.TimelineTest.assertSameView;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.verify.VerifyReport;

/**
 * Invariant 3: replaying the log - a rebuild of the read models, a fold of the whole log, a new
 * engine event-sourcing its aggregates from the store - never throws and gives what the live engine has.
 */
class ReplayTest {

    static final long SEED = 0xFEED_2026L;
    static final String[] SDDL = {null, null, "D:(A;;GA;;;WD)", "D:NO_ACCESS_CONTROL", "O:SYD:",
            "D:(A;;GA;;;" + TimelineTest.ALICE + ")"};

    /** A random session: sockets come and go; options, descriptors, gets, binds and misuse of every kind. */
    static List<SessionCall> generate(long seed, int size) {
        Random random = new Random(seed);
        List<SessionCall> calls = new ArrayList<>(List.of(
                Sessions.process(4, "SY"),
                Sessions.process(700, TimelineTest.ALICE, "BU"),
                Sessions.process(701, TimelineTest.BOB, "BU"),
                Sessions.thread(7001, 701, TimelineTest.ALICE)));
        List<String> live = new ArrayList<>();
        List<String> inet6 = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        int next = 0;
        while (calls.size() < size) {
            int op = random.nextInt(12);
            if (live.isEmpty() || op == 0 || op == 1 && live.size() < 8) {
                String label = "s" + next++;
                String category = pick(random, "listen", "listen", "stream", "connection", "datagram", "basic");
                boolean six = random.nextInt(5) == 0;
                long pid = random.nextInt(25) == 0 ? 999 : pick(random, 4L, 700L, 701L);
                Long owningTid = random.nextInt(6) == 0 ? 7001L : null;
                Long owningPid = random.nextInt(6) == 0 ? Long.valueOf(700) : null;
                calls.add(Sessions.socketOwned(label, category, six ? "inet6" : "inet", pid, owningPid, owningTid,
                        SDDL[random.nextInt(SDDL.length)], null));
                live.add(label);
                if (six) {
                    inet6.add(label);
                }
                continue;
            }
            String label = !closed.isEmpty() && random.nextInt(15) == 0
                    ? closed.get(random.nextInt(closed.size())) : live.get(random.nextInt(live.size()));
            switch (op) {
                case 1, 2, 3 -> calls.add(Sessions.set(label, pick(random, "SO_REUSEADDR", "SO_EXCLUSIVEADDRUSE"),
                        random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(4), null));
                case 4 -> {
                    String sddl = SDDL[random.nextInt(SDDL.length)];
                    calls.add(sddl == null ? Sessions.get(label, "SO_WSK_SECURITY", null, null)
                            : Sessions.setSd(label, sddl, null));
                }
                case 5 -> calls.add(switch (random.nextInt(4)) {
                    case 0 -> Sessions.control(label, ControlRequest.get(OptionCode.SO_REUSEADDR).withOutputSize(2), null);
                    case 1 -> Sessions.control(label, ControlRequest.set(OptionCode.SO_EXCLUSIVEADDRUSE, 1)
                            .withLevel(new OptionLevel(6)), null);
                    case 2 -> Sessions.control(label, ControlRequest.get(new OptionCode(0x1006)), null);
                    default -> Sessions.get(label, pick(random, "SO_REUSEADDR", "SO_EXCLUSIVEADDRUSE"), null, null);
                });
                case 6, 7, 8, 9 -> {
                    boolean six = inet6.contains(label) != (random.nextInt(20) == 0);
                    String host = six ? pick(random, "[::]", "[::1]") : pick(random, "0.0.0.0", "0.0.0.0", "10.0.0.1", "127.0.0.1");
                    String address = host + ":" + pick(random, 80, 80, 443, 0);
                    calls.add(random.nextInt(30) == 0 ? Sessions.bindWithoutIrp(label, address, null)
                            : Sessions.bind(label, address, null));
                }
                default -> {
                    calls.add(Sessions.close(label, null));
                    if (live.remove(label)) {
                        closed.add(label);
                    }
                }
            }
        }
        return calls;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    static WskEmulator.Builder withCounterHandles(AtomicLong handles) {
        return WskEmulator.builder().socketIds(handles::incrementAndGet);
    }

    private static List<LoggedEvent> log(WskEmulator kernel) {
        try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
            return events.toList();
        }
    }

    @Test
    void theGeneratedSessionReachesEveryStatusOfABind() {
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            List<SessionRunner.Report> reports = kernel.sessions().run(SessionRunner.Run.of("generated", generate(SEED, 400))).reports();
            Set<NtStatus> bindStatuses = reports.stream().filter(r -> r.call() instanceof SessionCall.Bind)
                    .map(SessionRunner.Report::status).collect(Collectors.toCollection(() -> EnumSet.noneOf(NtStatus.class)));
            // a second bind is ADDRESS_ALREADY_ASSOCIATED since issue #12 (it was INVALID_PARAMETER)
            assertEquals(EnumSet.of(NtStatus.SUCCESS, NtStatus.ACCESS_DENIED, NtStatus.ADDRESS_ALREADY_EXISTS,
                    NtStatus.ADDRESS_ALREADY_ASSOCIATED, NtStatus.INVALID_PARAMETER, NtStatus.INVALID_HANDLE,
                    NtStatus.NOT_SUPPORTED), bindStatuses);
            VerifyReport verify = kernel.verify();
            assertEquals(List.of(), verify.mismatches());
            long irpBinds = reports.stream().filter(r -> r.call() instanceof SessionCall.Bind b && b.irp()).count();
            assertEquals(irpBinds, verify.decisions(), "every bind with an IRP is one decision");
        }
    }

    @Test
    void rebuildEqualsTheLiveReadModels() {
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            kernel.sessions().run(SessionRunner.Run.of("generated", generate(SEED, 400)));
            ReadModelView live = kernel.readModels();
            assertTrue(live.decisions().size() > 50 && !live.ownership().isEmpty() && !live.warnings().isEmpty(),
                    "a session that leaves something to rebuild");
            ReadModelView rebuilt = kernel.rebuild();
            assertSameView(live, rebuilt, "after rebuild");
            assertTrue(InMemoryReadModels.same(live, rebuilt));
            assertSameView(live, kernel.readModels(), "live after rebuild");
            assertSameView(live, kernel.timeline().at(kernel.log().head()), "timeline at the head");
        }
    }

    @Test
    void foldingTheWholeLogNeverThrowsAndGivesTheLiveReadModels() {
        for (long seed = SEED; seed < SEED + 3; seed++) {
            try (WskEmulator kernel = WskEmulator.inMemory()) {
                kernel.sessions().run(SessionRunner.Run.of("generated", generate(seed, 300)));
                InMemoryReadModels folded = new InMemoryReadModels();
                assertDoesNotThrow(() -> {
                    try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
                        events.forEach(folded::fold);
                    }
                });
                assertSameView(kernel.readModels(), folded, "seed " + seed);
                assertTrue(kernel.verify().ok(), () -> kernel.verify().mismatches().toString());
            }
        }
    }

    @Test
    void batchingDoesNotChangeTheRecord() {
        List<SessionCall> session = generate(SEED + 7, 300);
        List<List<NtStatus>> statuses = new ArrayList<>();
        List<List<Long>> positions = new ArrayList<>();
        List<ReadModelView> views = new ArrayList<>();
        for (int batch : new int[] {1, 7, SessionRunner.DEFAULT_BATCH_SIZE}) {
            try (WskEmulator kernel = withCounterHandles(new AtomicLong()).build()) {
                List<SessionRunner.Report> reports = kernel.sessions().run(SessionRunner.Run.of("generated", session)
                        .withBatchSize(batch)).reports();
                statuses.add(reports.stream().map(SessionRunner.Report::status).toList());
                positions.add(reports.stream().map(SessionRunner.Report::position).toList());
                views.add(kernel.readModels());
            }
        }
        for (int i = 1; i < views.size(); i++) {
            assertEquals(statuses.get(0), statuses.get(i));
            assertEquals(positions.get(0), positions.get(i));
            assertSameView(views.get(0), views.get(i), "batching " + i);
        }
    }

    @Test
    void aNewEngineOnTheSameStoreReplaysItsAggregatesAndContinuesTheMachine() {
        List<SessionCall> first = generate(SEED + 11, 200);
        List<SessionCall> second = generate(SEED + 12, 200).subList(4, 200); // the machine already knows its processes
        List<SessionRunner.Report> together;
        ReadModelView expected;
        List<LoggedEvent> expectedLog;
        try (WskEmulator one = withCounterHandles(new AtomicLong()).build()) {
            one.sessions().run(SessionRunner.Run.of("first", first));
            together = one.sessions().run(SessionRunner.Run.of("second", second)).reports();
            expected = one.readModels();
            expectedLog = log(one);
        }
        InMemoryStorage store = new InMemoryStorage();
        AtomicLong handles = new AtomicLong();
        try (WskEmulator before = withCounterHandles(handles).storage(store).build()) {
            before.sessions().run(SessionRunner.Run.of("first", first));
        }
        try (WskEmulator after = withCounterHandles(handles).storage(store).build()) {
            List<SessionRunner.Report> resumed = after.sessions().run(SessionRunner.Run.of("second", second)).reports();
            assertEquals(together.stream().map(SessionRunner.Report::status).toList(),
                    resumed.stream().map(SessionRunner.Report::status).toList());
            assertEquals(together.stream().map(SessionRunner.Report::position).toList(),
                    resumed.stream().map(SessionRunner.Report::position).toList());
            assertSameView(expected, after.readModels(), "after resuming on the store");
            assertEquals(expectedLog.stream().map(LoggedEvent::event).toList(), log(after).stream().map(LoggedEvent::event).toList());
            assertTrue(after.verify().ok(), () -> after.verify().mismatches().toString());
        }
    }
}
