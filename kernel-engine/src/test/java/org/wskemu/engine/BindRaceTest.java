package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.AddressKind;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.PortKey;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.event.PortBindingAdded;
import org.wskemu.api.event.PortBindingReleased;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.sharing.Binding;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.sharing.AddressSharingRights;
import org.wskemu.engine.verify.VerifyReport;
import org.wskemu.security.AccessCheck;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * Invariant 2 under concurrency: drivers on 8 threads race to bind overlapping addresses on 3 ports
 * with random options and descriptors, closing and binding again. Whatever the interleaving, no two
 * live bindings on a port ever contradict the table, every decision re-derives (invariant 1), and
 * every IRP completes exactly once (invariant 4).
 */
@Tag("race")
class BindRaceTest {

    static final long SEED = 0x5EED_2026L;
    static final int THREADS = 8;
    static final int ROUNDS_PER_THREAD = 90;
    static final int[] PORTS = {80, 443, 8080};
    static final String[] HOSTS = {"0.0.0.0", "0.0.0.0", "10.0.0.1", "10.0.0.2", "127.0.0.1"};
    static final Sid ALICE = Sid.parse("S-1-5-21-7-7-7-1001");
    static final Sid BOB = Sid.parse("S-1-5-21-7-7-7-1002");
    static final Map<ProcessId, Token> PROCESSES = Map.of(
            new ProcessId(4), Token.of(Sid.LOCAL_SYSTEM),
            new ProcessId(700), Token.of(ALICE, Sid.BUILTIN_USERS),
            new ProcessId(701), Token.of(BOB, Sid.BUILTIN_USERS),
            new ProcessId(702), Token.of(ALICE, Sid.BUILTIN_USERS));
    static final List<ProcessId> PIDS = PROCESSES.keySet().stream().sorted((a, b) -> Long.compare(a.value(), b.value())).toList();
    /** Granting everyone, refusing all but nobody (owner only, the default), a NULL DACL, and one user only. */
    static final List<SecurityDescriptor> DESCRIPTORS = Stream.of(
            "D:(A;;GA;;;WD)", null, "O:SYD:", "D:NO_ACCESS_CONTROL", "D:(A;;GA;;;" + ALICE + ")")
            .map(s -> s == null ? null : SecurityDescriptor.parse(s)).toList();
    /** What SO_WSK_SECURITY may replace a descriptor with before the bind. */
    static final List<SecurityDescriptor> SHARED_DESCRIPTORS = DESCRIPTORS.stream().filter(d -> d != null).toList();

    /** SPEC.md 6, column wsk, typed again here: rows first bind, columns second bind; NONE W, NONE S, REUSE W, ... */
    static final String[][] WSK_TABLE = {
            {"INUSE", "CHECK", "DENIED", "CHECK", "INUSE", "CHECK"},
            {"SUCCESS", "INUSE", "SUCCESS", "DENIED", "INUSE", "INUSE"},
            {"INUSE", "CHECK", "SUCCESS", "SUCCESS", "INUSE", "CHECK"},
            {"SUCCESS", "DENIED", "SUCCESS", "SUCCESS", "INUSE", "INUSE"},
            {"INUSE", "DENIED", "DENIED", "DENIED", "INUSE", "DENIED"},
            {"SUCCESS", "INUSE", "SUCCESS", "DENIED", "INUSE", "INUSE"}};

    static String cell(SharingOption firstOption, AddressKind firstKind, SharingOption secondOption,
                       AddressKind secondKind) {
        return WSK_TABLE[firstOption.ordinal() * 2 + firstKind.ordinal()][secondOption.ordinal() * 2 + secondKind.ordinal()];
    }

    @Test
    void noInterleavingLetsTwoBindingsWinAContestedCell() throws Exception {
        Map<NtStatus, AtomicInteger> bindOutcomes = new EnumMap<>(NtStatus.class);
        for (NtStatus status : NtStatus.values()) {
            bindOutcomes.put(status, new AtomicInteger());
        }
        AtomicInteger calls = new AtomicInteger();
        Driver driver;
        WskEmulator kernel = WskEmulator.builder().engineThreads(4).build();
        try {
            PROCESSES.forEach(kernel::declareProcess);
            driver = new Driver(kernel);
            ExecutorService drivers = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    Random random = new Random(SEED + t);
                    done.add(drivers.submit(() -> {
                        drive(driver, random, calls, bindOutcomes);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                drivers.shutdown();
            }
            driver.irps().forEach(TrackedIrp::awaitCompletion);

            assertTrue(calls.get() >= 2_000, "a few thousand calls: " + calls.get());
            assertTrue(bindOutcomes.get(NtStatus.SUCCESS).get() > 100, () -> "contested binds won: " + bindOutcomes);
            assertTrue(bindOutcomes.get(NtStatus.ACCESS_DENIED).get() > 50, () -> "denied: " + bindOutcomes);
            assertTrue(bindOutcomes.get(NtStatus.ADDRESS_ALREADY_EXISTS).get() > 50, () -> "in use: " + bindOutcomes);

            VerifyReport report = kernel.verify();
            assertEquals(List.of(), report.mismatches());
            assertTrue(report.ok());
            assertEquals(bindOutcomes.values().stream().mapToInt(AtomicInteger::get).sum(), report.decisions(),
                    "every bind call was decided once");

            List<LoggedEvent> log;
            try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
                log = events.toList();
            }
            Fold fold = new Fold();
            int shared = 0;
            List<Long> samples = new ArrayList<>();
            for (LoggedEvent event : log) {
                shared += fold.apply(event);
                if (event.position() % 97 == 0) {
                    samples.add(event.position());
                }
            }
            assertTrue(shared > 20, "some ports were shared by live bindings: " + shared);
            assertEquals(kernel.readModels().ownership().stream().map(OwnershipRow::socket).collect(Collectors.toSet()),
                    fold.ownedBySocketBound(), "the live view holds what the log holds");

            // the timeline at sampled positions shows the same live bindings, none contradicting the table
            Fold replay = new Fold();
            int next = 0;
            for (long position : samples) {
                while (next < log.size() && log.get(next).position() <= position) {
                    replay.apply(log.get(next++));
                }
                ReadModelView at = kernel.timeline().at(position);
                assertEquals(replay.ownedBySocketBound(), at.ownership().stream().map(OwnershipRow::socket)
                        .collect(Collectors.toSet()), "ownership at " + position);
                replay.checkPairs(at.ownership(), position);
            }
            assertEquals(List.of(), kernel.failures());
        } finally {
            kernel.close();
        }
        // the engine has stopped: every IRP of the race completed, and exactly once
        for (TrackedIrp irp : driver.irps()) {
            assertEquals(1, irp.completions());
        }
        assertEquals(calls.get(), driver.irps().size());
    }

    @Test
    void racingEphemeralBindsNeverShareAPortAndAlwaysTakeTheLowestFree() throws Exception {
        int perThread = 25;
        Driver driver;
        WskEmulator kernel = WskEmulator.builder().engineThreads(4).build();
        try {
            PROCESSES.forEach(kernel::declareProcess);
            driver = new Driver(kernel);
            ExecutorService drivers = Executors.newFixedThreadPool(THREADS);
            List<Future<List<Integer>>> done = new ArrayList<>();
            try {
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(drivers.submit(() -> {
                        List<Integer> taken = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            SocketId socket = driver.socket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET,
                                    PIDS.get(thread % PIDS.size())));
                            // one thread also takes ports of the range by name, under the choosers' feet
                            String address = thread == 0 && i % 2 == 0 ? "0.0.0.0:" + (49152 + 3 * i) : "0.0.0.0:0";
                            Completion bound = driver.bind(socket, address);
                            if (bound.ioStatus().status().isSuccess()) {
                                taken.add(((CallResult.Bound) bound.result()).address().port());
                                if (i % 5 == 4) {
                                    driver.close(socket); // freed at once, to be chosen again
                                    taken.remove(taken.size() - 1);
                                }
                            } else {
                                assertEquals(NtStatus.ADDRESS_ALREADY_EXISTS, bound.ioStatus().status(), address);
                                assertTrue(!address.endsWith(":0"), "an ephemeral bind never conflicts");
                            }
                        }
                        return taken;
                    }));
                }
                List<Integer> held = new ArrayList<>();
                for (Future<List<Integer>> f : done) {
                    held.addAll(f.get(5, TimeUnit.MINUTES));
                }
                assertEquals(held.size(), Set.copyOf(held).size(), () -> "a port held twice: " + held);
            } finally {
                drivers.shutdown();
            }
            driver.irps().forEach(TrackedIrp::awaitCompletion);
            VerifyReport report = kernel.verify();
            // verify re-derives each ephemeral choice as the lowest port free just before it
            assertEquals(List.of(), report.mismatches());
            assertEquals(List.of(), kernel.failures());
            Set<Integer> ports = kernel.readModels().ownership().stream().map(r -> r.address().port())
                    .collect(Collectors.toSet());
            assertEquals(kernel.readModels().ownership().size(), ports.size());
        } finally {
            kernel.close();
        }
        driver.irps().forEach(irp -> assertEquals(1, irp.completions()));
    }

    /** One driver thread: sockets come and go, binding over and over on the contested addresses. */
    private static void drive(Driver driver, Random random, AtomicInteger calls,
                              Map<NtStatus, AtomicInteger> bindOutcomes) {
        List<SocketId> held = new ArrayList<>();
        for (int round = 0; round < ROUNDS_PER_THREAD; round++) {
            ProcessId pid = PIDS.get(random.nextInt(PIDS.size()));
            SocketCategory category = random.nextBoolean() ? SocketCategory.LISTEN : SocketCategory.STREAM;
            SocketRequest request = SocketRequest.of(category, AddressFamily.INET, pid)
                    .withDescriptor(DESCRIPTORS.get(random.nextInt(DESCRIPTORS.size())));
            calls.incrementAndGet();
            SocketId socket = driver.socket(request);
            int option = random.nextInt(3);
            if (option > 0) {
                // not waited for: the bind below still sees it, calls on one socket keep their order
                calls.incrementAndGet();
                driver.submitControl(socket, ControlRequest.set(option == 1 ? OptionCode.SO_REUSEADDR
                        : OptionCode.SO_EXCLUSIVEADDRUSE, 1 + random.nextInt(3)));
            }
            if (random.nextInt(5) == 0) {
                calls.incrementAndGet();
                driver.submitControl(socket, ControlRequest.setSecurity(
                        SHARED_DESCRIPTORS.get(random.nextInt(SHARED_DESCRIPTORS.size()))));
            }
            boolean bound = false;
            for (int attempt = 0; attempt < 3 && !bound; attempt++) {
                String address = HOSTS[random.nextInt(HOSTS.length)] + ":" + PORTS[random.nextInt(PORTS.length)];
                calls.incrementAndGet();
                NtStatus status = driver.status(driver.bind(socket, address));
                bindOutcomes.get(status).incrementAndGet();
                bound = status.isSuccess();
            }
            if (bound && random.nextInt(4) == 0) {
                // accepted, but the binding keeps the options it was bound with
                calls.incrementAndGet();
                driver.control(socket, ControlRequest.set(OptionCode.SO_REUSEADDR, 0));
            }
            if (bound) {
                held.add(socket);
            } else {
                calls.incrementAndGet();
                driver.close(socket);
                if (random.nextInt(10) == 0) {
                    // a driver bug: bind after close
                    calls.incrementAndGet();
                    NtStatus status = driver.status(driver.bind(socket, "0.0.0.0:80"));
                    assertEquals(NtStatus.INVALID_HANDLE, status);
                    bindOutcomes.get(status).incrementAndGet();
                }
            }
            while (held.size() > 2 || !held.isEmpty() && random.nextInt(3) == 0) {
                calls.incrementAndGet();
                assertEquals(NtStatus.SUCCESS, driver.status(driver.close(held.remove(random.nextInt(held.size())))));
            }
        }
    }

    /** The live bindings folded from the log alone, checked against the table as each one is added. */
    private static final class Fold {
        private final Map<SocketId, Token> contexts = new HashMap<>();
        private final Map<PortKey, LinkedHashMap<SocketId, Binding>> ports = new HashMap<>();
        private final Map<SocketId, Binding> bindings = new HashMap<>();
        private final Set<SocketId> owned = new HashSet<>();

        /** Folds one event in; answers 1 when it added a binding to a port that already had one. */
        int apply(LoggedEvent logged) {
            Object event = logged.event();
            if (event instanceof SocketCreated e) {
                contexts.put(e.socket(), e.context());
            } else if (event instanceof PortBindingAdded e) {
                LinkedHashMap<SocketId, Binding> live = ports.computeIfAbsent(e.port(), k -> new LinkedHashMap<>());
                Binding second = e.binding();
                for (Binding first : live.values()) {
                    check(first, second, logged.position());
                }
                int shared = live.isEmpty() ? 0 : 1;
                live.put(second.socket(), second);
                bindings.put(second.socket(), second);
                return shared;
            } else if (event instanceof PortBindingReleased e) {
                LinkedHashMap<SocketId, Binding> live = ports.get(e.port());
                assertNotNull(live, "released from a port with no binding at " + logged.position());
                assertNotNull(live.remove(e.socket()), "released a binding the port did not hold");
            } else if (event instanceof SocketBound e) {
                owned.add(e.socket());
            } else if (event instanceof SocketClosed e) {
                owned.remove(e.socket());
            }
            return 0;
        }

        Set<SocketId> ownedBySocketBound() {
            return Set.copyOf(owned);
        }

        /** Every pair of the rows (in bind order) on one port, checked as first then second. */
        void checkPairs(List<OwnershipRow> rows, long position) {
            for (int i = 0; i < rows.size(); i++) {
                for (int j = i + 1; j < rows.size(); j++) {
                    Binding first = bindings.get(rows.get(i).socket());
                    Binding second = bindings.get(rows.get(j).socket());
                    if (first.protocol() == second.protocol() && first.address().port() == second.address().port()) {
                        check(first, second, position);
                    }
                }
            }
        }

        private void check(Binding first, Binding second, long position) {
            boolean overlap = first.address().isWildcard() || second.address().isWildcard()
                    || first.address().host().equals(second.address().host());
            if (!overlap) {
                return;
            }
            String cell = cell(first.option(), first.address().kind(), second.option(), second.address().kind());
            String pair = "at " + position + ": " + first.label() + " " + first.option() + " " + first.address()
                    + " then " + second.label() + " " + second.option() + " " + second.address() + " -> " + cell;
            switch (cell) {
                case "SUCCESS" -> { }
                case "CHECK" -> assertTrue(AccessCheck.check(first.descriptor(), contexts.get(second.socket()),
                        AddressSharingRights.SHARE_ADDRESS, AddressSharingRights.MAPPING).granted(),
                        pair + " but the access check refuses");
                default -> fail("two live bindings contradict the table " + pair);
            }
        }
    }
}
