package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.PortKey;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.PortBindingAdded;
import org.wskemu.api.event.PortBindingReleased;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.api.event.WskEvent;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.irp.Irp;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.sharing.AddressSharingRights;
import org.wskemu.engine.sharing.SharingProfile;
import org.wskemu.engine.verify.VerifyReport;
import org.wskemu.security.AccessCheck;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * Invariants 1, 2 and 4 on the durable store: eight driver threads race thousands of WSK calls
 * (IRPs through the embedding API) onto a handful of ports of an H2 directory store, with random
 * options, descriptors that grant, refuse or are NULL, owning threads that impersonate, NULL IRPs,
 * binds that fail and are tried again, closes and binds after close. Afterwards:
 * <ul>
 *   <li>verify re-derives every bind decision from the log with no mismatch;</li>
 *   <li>folding the log, no two live overlapping bindings A (first) and B (second) on one port ever
 *       coexist that the profile forbids: the cell is never INUSE or DENIED, and a CHECK cell only
 *       when the access check of B's context against A's descriptor grants (computed here with
 *       {@link SharingProfile}, {@link AccessCheck} and {@link AddressSharingRights});</li>
 *   <li>each completion's position names the call's own last event; every IRP completed exactly
 *       once; the engine met no failure;</li>
 *   <li>the read models caught up with the log, a rebuild and the timeline agree with them, and the
 *       store reopens to the same log.</li>
 * </ul>
 * The seed fixes each driver's choices; the interleaving is the machine's. The default run makes
 * about 2,000 calls; {@code -Dwskemu.long=true} races 50,000 under {@code wsk} and 10,000 under each
 * other profile (RELIABILITY.md).
 */
@Tag("race")
class H2BindRaceTest {

    static final long SEED = 0x0DD5_EED5L;
    static final int THREADS = 8;
    static final int SHORT_CALLS = 2_000;

    static final Sid ALICE = Sid.parse("S-1-5-21-7-7-7-1001");
    static final Sid BOB = Sid.parse("S-1-5-21-7-7-7-1002");
    static final Sid GUEST = Sid.parse("S-1-5-21-7-7-7-501");
    static final Map<ProcessId, Token> PROCESSES = Map.of(
            new ProcessId(4), Token.of(Sid.LOCAL_SYSTEM),
            new ProcessId(700), Token.of(ALICE, Sid.BUILTIN_USERS),
            new ProcessId(701), Token.of(BOB, Sid.BUILTIN_USERS),
            new ProcessId(702), Token.of(GUEST),
            new ProcessId(703), Token.of(Sid.ANONYMOUS));
    static final List<ProcessId> PIDS = PROCESSES.keySet().stream()
            .sorted((a, b) -> Long.compare(a.value(), b.value())).toList();
    /** Threads of process 4: one impersonating Bob, one not impersonating. */
    static final ThreadId BOB_THREAD = new ThreadId(40);
    static final ThreadId PLAIN_THREAD = new ThreadId(41);

    /**
     * null (the profile's default), granting everyone, a NULL DACL, owner only (refusing all), one
     * user, one group, deny Bob then allow everyone, authenticated users (not anonymous), and an
     * allow ACE that lacks the sharing right.
     */
    static final List<SecurityDescriptor> DESCRIPTORS = Stream.of(
            null, "D:(A;;GA;;;WD)", "D:NO_ACCESS_CONTROL", "O:SYD:", "D:(A;;GW;;;" + ALICE + ")",
            "O:BAD:(A;;FA;;;BU)", "D:(D;;GA;;;" + BOB + ")(A;;GA;;;WD)", "D:P(A;CIOI;0x2;;;AU)",
            "D:(A;;GRGX;;;WD)")
            .map(s -> s == null ? null : SecurityDescriptor.parse(s)).toList();
    static final int[] PORTS = {80, 443, 8080, 49152, 0};
    static final String[] HOSTS_V4 = {"0.0.0.0", "0.0.0.0", "10.0.0.1", "10.0.0.2", "127.0.0.1"};
    static final String[] HOSTS_V6 = {"::", "::1", "fe80::1"};

    @TempDir
    Path temp;

    @Test
    void eightThreadsRacingTwoThousandCallsOnAnH2StoreBreakNoInvariant() throws Exception {
        Race race = race(ProfileId.WSK, SHORT_CALLS, temp.resolve("store"));
        System.out.println("H2BindRaceTest: " + race);
        assertTrue(race.calls >= SHORT_CALLS, "calls: " + race.calls);
    }

    /** 50,000 calls under the default profile, 10,000 under each of the others. */
    @ParameterizedTest(name = "{1} calls under profile {0}")
    @CsvSource({"WSK, 50000", "WIN32, 10000", "WIN32_LEGACY, 10000"})
    @EnabledIfSystemProperty(named = "wskemu.long", matches = "true")
    void longRacesBreakNoInvariant(ProfileId profile, int calls) throws Exception {
        Race race = race(profile, calls, temp.resolve("store-" + profile.label()));
        System.out.println("H2BindRaceTest " + profile + ": " + race);
        assertTrue(race.calls >= calls, "calls: " + race.calls);
    }

    /** What a race did. */
    record Race(long calls, long binds, Map<NtStatus, Integer> outcomes, long events, long pairsChecked) {
    }

    private Race race(ProfileId profile, int totalCalls, Path store) throws Exception {
        Calls calls = new Calls();
        AtomicLong ids = new AtomicLong(SEED & 0xFFFF_FFFFL);
        H2Storage storage = H2Storage.open(StoreLocation.directory(store));
        WskEmulator kernel = WskEmulator.builder().profile(profile)
                .storage(storage)
                .socketIds(ids::incrementAndGet)
                .engineThreads(4)
                .build();
        long head;
        long pairs;
        VerifyReport verified;
        try {
            PROCESSES.forEach(kernel::declareProcess);
            kernel.declareThread(BOB_THREAD, new ProcessId(4), Token.of(BOB, Sid.BUILTIN_USERS));
            kernel.declareThread(PLAIN_THREAD, new ProcessId(4), null);
            ExecutorService drivers = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    Random random = new Random(SEED + t);
                    int budget = totalCalls / THREADS;
                    done.add(drivers.submit(() -> {
                        new DriverThread(kernel, calls, random).drive(budget);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.MINUTES);
                }
            } finally {
                drivers.shutdownNow();
            }
            calls.awaitAll();

            assertEquals(List.of(), kernel.failures(), "engine failures");
            verified = kernel.verify();
            assertEquals(List.of(), verified.mismatches(), "verify");
            assertEquals(calls.binds.get(), verified.decisions(), "every bind with an IRP was decided once");

            List<LoggedEvent> log;
            try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
                log = events.toList();
            }
            head = kernel.log().head();
            assertEquals(head, log.get(log.size() - 1).position());
            Fold fold = new Fold(SharingProfile.of(profile));
            List<Long> samples = new ArrayList<>();
            long every = Math.max(1, log.size() / 10);
            for (int i = 0; i < log.size(); i++) {
                fold.apply(log.get(i));
                if (i % every == 0) {
                    samples.add(log.get(i).position());
                }
            }
            fold.assertEveryBindingHalfHasItsOtherHalf();
            pairs = fold.pairsChecked;
            assertTrue(pairs > 50, "overlapping live bindings checked: " + pairs);
            calls.assertCompletionsNameTheirOwnEvents(fold.byPosition);
            assertBindOutcomesCoverTheTable(calls.outcomes);

            // racing lanes fold their batches in their own transactions: before the first query the
            // tables are exactly the committed log, nothing skipped or folded twice
            ReadModelTables tables = BatchFoldTest.tables(storage);
            EngineSessions.assertSameView(EngineSessions.fold(kernel.log()), EngineSessions.copy(tables),
                    "the tables against the log up to " + head);

            ReadModelView live = kernel.readModels();
            assertEquals(head, live.position(), "the read models caught up with the log");
            assertEquals(fold.liveSockets(), sockets(live.ownership()), "ownership now");
            List<OwnershipRow> ownership = live.ownership();
            int decisions = live.decisions().size();
            ReadModelView rebuilt = kernel.rebuild();
            assertEquals(ownership, rebuilt.ownership(), "rebuilt ownership");
            assertEquals(decisions, rebuilt.decisions().size(), "rebuilt decisions");

            Fold replay = new Fold(SharingProfile.of(profile));
            int next = 0;
            for (long position : samples) {
                while (next < log.size() && log.get(next).position() <= position) {
                    replay.apply(log.get(next++));
                }
                assertEquals(replay.liveSockets(), sockets(kernel.timeline().at(position).ownership()),
                        "timeline at " + position);
            }
        } finally {
            kernel.close();
        }
        calls.assertEachIrpCompletedOnce();

        // the store reopens to the same log, and verify still holds
        try (WskEmulator reopened = WskEmulator.builder().profile(profile)
                .storage(H2Storage.open(StoreLocation.directory(store))).build()) {
            assertEquals(head, reopened.log().head());
            VerifyReport again = reopened.verify();
            assertEquals(List.of(), again.mismatches());
            assertEquals(verified.decisions(), again.decisions());
            assertEquals(head, reopened.readModels().position());
        }
        Map<NtStatus, Integer> outcomes = new EnumMap<>(NtStatus.class);
        calls.outcomes.forEach((status, count) -> {
            if (count.get() > 0) {
                outcomes.put(status, count.get());
            }
        });
        return new Race(calls.count.get(), calls.binds.get(), outcomes, head, pairs);
    }

    /** The race reached every kind of outcome, or it tested less than it claims. */
    private static void assertBindOutcomesCoverTheTable(Map<NtStatus, AtomicInteger> outcomes) {
        Map<NtStatus, Integer> atLeast = Map.of(NtStatus.SUCCESS, 50, NtStatus.ACCESS_DENIED, 20,
                NtStatus.ADDRESS_ALREADY_EXISTS, 20, NtStatus.INVALID_HANDLE, 1, NtStatus.INVALID_PARAMETER, 1,
                NtStatus.NOT_SUPPORTED, 1);
        atLeast.forEach((status, least) -> assertTrue(outcomes.get(status).get() >= least,
                () -> "too few binds ended " + status + ": " + outcomes));
    }

    private static Set<SocketId> sockets(List<OwnershipRow> rows) {
        return rows.stream().map(OwnershipRow::socket).collect(Collectors.toSet());
    }

    /** Every IRP of the race, its completions counted by its completion routine. */
    static final class Calls {
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong binds = new AtomicLong();
        final Map<NtStatus, AtomicInteger> outcomes = new EnumMap<>(NtStatus.class);
        final List<Tracked> tracked = java.util.Collections.synchronizedList(new ArrayList<>());

        Calls() {
            for (NtStatus status : NtStatus.values()) {
                outcomes.put(status, new AtomicInteger());
            }
        }

        Tracked track(String what, SocketId socket) {
            Tracked irp = new Tracked(what, socket);
            tracked.add(irp);
            count.incrementAndGet();
            return irp;
        }

        void awaitAll() throws Exception {
            for (Tracked irp : List.copyOf(tracked)) {
                irp.await();
            }
        }

        void assertEachIrpCompletedOnce() {
            for (Tracked irp : List.copyOf(tracked)) {
                assertEquals(1, irp.completions.get(), () -> irp.what + " completed " + irp.completions.get() + " times");
            }
        }

        /** A completion's position is its call's last event: the socket's creation, bind decision or misuse. */
        void assertCompletionsNameTheirOwnEvents(Map<Long, WskEvent> byPosition) {
            for (Tracked irp : List.copyOf(tracked)) {
                Completion completion = irp.irp.completion().orElseThrow();
                if (completion.position() == 0) {
                    fail(irp.what + " completed with no position: " + completion);
                }
                WskEvent event = byPosition.get(completion.position());
                assertNotNull(event, () -> irp.what + ": no event at " + completion.position());
                NtStatus status = completion.ioStatus().status();
                switch (irp.what) {
                    case "socket" -> {
                        SocketCreated created = assertInstanceOf(SocketCreated.class, event, irp.what);
                        assertEquals(((CallResult.NewSocket) completion.result()).socket(), created.socket());
                    }
                    case "bind" -> {
                        if (status.isSuccess()) {
                            SocketBound bound = assertInstanceOf(SocketBound.class, event, irp.what);
                            assertEquals(irp.socket, bound.socket());
                            assertEquals(((CallResult.Bound) completion.result()).address(), bound.binding().address());
                        } else if (event instanceof BindRefused refused) {
                            assertEquals(irp.socket, refused.socket());
                            assertEquals(status, refused.decision().status());
                        } else {
                            CallRefused refused = assertInstanceOf(CallRefused.class, event, irp.what);
                            assertEquals(irp.socket, refused.socket());
                            assertEquals(status, refused.status());
                        }
                    }
                    default -> {
                        // controls and closes: an event of this socket
                    }
                }
            }
        }
    }

    /** An IRP whose completion routine counts its calls. */
    static final class Tracked {
        final String what;
        final SocketId socket;
        final AtomicInteger completions = new AtomicInteger();
        final Irp irp = Irp.withCompletionRoutine(completed -> completions.incrementAndGet());

        Tracked(String what, SocketId socket) {
            this.what = what;
            this.socket = socket;
        }

        Completion await() throws Exception {
            return irp.completionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
        }
    }

    /** One driver: sockets come and go, binding over and over on the contested addresses. */
    static final class DriverThread {
        private final WskEmulator kernel;
        private final Calls calls;
        private final Random random;
        private final List<SocketId> held = new ArrayList<>();
        private int made;

        DriverThread(WskEmulator kernel, Calls calls, Random random) {
            this.kernel = kernel;
            this.calls = calls;
            this.random = random;
        }

        void drive(int budget) throws Exception {
            while (made < budget) {
                round();
            }
            for (SocketId socket : held) {
                if (random.nextBoolean()) {
                    close(socket);
                }
            }
        }

        private void round() throws Exception {
            AddressFamily family = random.nextInt(5) == 0 ? AddressFamily.INET6 : AddressFamily.INET;
            SocketCategory category = switch (random.nextInt(12)) {
                case 0 -> random.nextBoolean() ? SocketCategory.BASIC : SocketCategory.LISTEN;
                case 1, 2 -> SocketCategory.DATAGRAM;
                case 3, 4 -> SocketCategory.STREAM;
                case 5 -> SocketCategory.CONNECTION;
                default -> SocketCategory.LISTEN;
            };
            SocketRequest request = SocketRequest.of(category, family, PIDS.get(random.nextInt(PIDS.size())))
                    .withDescriptor(DESCRIPTORS.get(random.nextInt(DESCRIPTORS.size())));
            switch (random.nextInt(6)) {
                case 0 -> request = request.withOwner(PIDS.get(random.nextInt(PIDS.size())), null);
                case 1 -> request = request.withOwner(null, random.nextBoolean() ? BOB_THREAD : PLAIN_THREAD);
                default -> { }
            }
            SocketId socket = socket(request);
            if (socket == null) {
                return;
            }
            // options, not waited for: the bind below still sees them, calls on one socket keep their order
            switch (random.nextInt(6)) {
                case 0, 1 -> submit(socket, ControlRequest.set(OptionCode.SO_REUSEADDR, random.nextInt(3)));
                case 2, 3 -> submit(socket, ControlRequest.set(OptionCode.SO_EXCLUSIVEADDRUSE, random.nextInt(3)));
                case 4 -> {
                    // both: the second is refused while the first is enabled (INVALID_PARAMETER)
                    submit(socket, ControlRequest.set(OptionCode.SO_REUSEADDR, 1));
                    submit(socket, ControlRequest.set(OptionCode.SO_EXCLUSIVEADDRUSE, 1));
                }
                default -> { }
            }
            if (random.nextInt(6) == 0) {
                SecurityDescriptor replacement = DESCRIPTORS.get(1 + random.nextInt(DESCRIPTORS.size() - 1));
                submit(socket, ControlRequest.setSecurity(replacement));
            }
            if (random.nextInt(15) == 0) {
                // refused at once: a level other than SOL_SOCKET
                control(socket, ControlRequest.set(OptionCode.SO_REUSEADDR, 1).withLevel(new OptionLevel(6)));
            }
            boolean bound = false;
            for (int attempt = 0; attempt < 3 && !bound; attempt++) {
                if (random.nextInt(40) == 0) {
                    // a NULL IRP: refused at once, recorded, nothing to complete
                    calls.count.incrementAndGet();
                    NtStatus status = kernel.bind(socket, address(family), null);
                    assertEquals(NtStatus.INVALID_PARAMETER, status);
                    continue;
                }
                AddressFamily addressFamily = random.nextInt(25) == 0 ? other(family) : family;
                bound = bind(socket, address(addressFamily)).isSuccess();
            }
            if (bound && random.nextInt(4) == 0) {
                // after bind: accepted, the binding keeps what it was bound with; a second bind is refused
                control(socket, ControlRequest.set(OptionCode.SO_REUSEADDR, random.nextInt(2)));
                if (random.nextBoolean()) {
                    assertEquals(NtStatus.ADDRESS_ALREADY_ASSOCIATED, bind(socket, address(family))); // INVALID_PARAMETER before issue #12
                }
            }
            if (random.nextInt(8) == 0) {
                control(socket, ControlRequest.get(random.nextBoolean() ? OptionCode.SO_REUSEADDR
                        : OptionCode.SO_WSK_SECURITY));
            }
            if (bound) {
                held.add(socket);
            } else {
                close(socket);
                if (random.nextInt(4) == 0) {
                    // a driver bug: bind after close
                    assertEquals(NtStatus.INVALID_HANDLE, bind(socket, address(family)));
                }
            }
            while (held.size() > 3 || !held.isEmpty() && random.nextInt(3) == 0) {
                assertEquals(NtStatus.SUCCESS, close(held.remove(random.nextInt(held.size()))));
            }
        }

        private TransportAddress address(AddressFamily family) {
            int port = PORTS[random.nextInt(PORTS.length)];
            return family == AddressFamily.INET
                    ? TransportAddress.parse(HOSTS_V4[random.nextInt(HOSTS_V4.length)] + ":" + port)
                    : TransportAddress.parse("[" + HOSTS_V6[random.nextInt(HOSTS_V6.length)] + "]:" + port);
        }

        private static AddressFamily other(AddressFamily family) {
            return family == AddressFamily.INET ? AddressFamily.INET6 : AddressFamily.INET;
        }

        private SocketId socket(SocketRequest request) throws Exception {
            Tracked irp = track("socket", null);
            assertEquals(NtStatus.PENDING, kernel.socket(request, irp.irp));
            Completion completion = irp.await();
            assertEquals(NtStatus.SUCCESS, completion.ioStatus().status(), () -> "socket " + request);
            return ((CallResult.NewSocket) completion.result()).socket();
        }

        private void submit(SocketId socket, ControlRequest request) {
            Tracked irp = track("control", socket);
            assertEquals(NtStatus.PENDING, kernel.controlSocket(socket, request, irp.irp));
        }

        private NtStatus control(SocketId socket, ControlRequest request) throws Exception {
            Tracked irp = track("control", socket);
            NtStatus returned = kernel.controlSocket(socket, request, irp.irp);
            NtStatus completed = irp.await().ioStatus().status();
            if (returned != NtStatus.PENDING) {
                assertEquals(returned, completed, "refused at once: the IRP carries the same status");
            }
            return completed;
        }

        private NtStatus bind(SocketId socket, TransportAddress address) throws Exception {
            Tracked irp = track("bind", socket);
            calls.binds.incrementAndGet();
            assertEquals(NtStatus.PENDING, kernel.bind(socket, address, irp.irp));
            NtStatus status = irp.await().ioStatus().status();
            calls.outcomes.get(status).incrementAndGet();
            return status;
        }

        private NtStatus close(SocketId socket) throws Exception {
            Tracked irp = track("close", socket);
            assertEquals(NtStatus.PENDING, kernel.closeSocket(socket, irp.irp));
            return irp.await().ioStatus().status();
        }

        private Tracked track(String what, SocketId socket) {
            made++;
            return calls.track(what, socket);
        }
    }

    /** The live bindings folded from the log alone, each new one checked against those it joins. */
    static final class Fold {
        private final SharingProfile profile;
        private final Map<SocketId, Token> contexts = new HashMap<>();
        private final Map<PortKey, LinkedHashMap<SocketId, Binding>> ports = new HashMap<>();
        private final Map<SocketId, Binding> added = new HashMap<>();
        private final Map<SocketId, Binding> bound = new HashMap<>();
        final Map<Long, WskEvent> byPosition = new ConcurrentHashMap<>();
        long pairsChecked;

        Fold(SharingProfile profile) {
            this.profile = profile;
        }

        void apply(LoggedEvent logged) {
            WskEvent event = logged.event();
            byPosition.put(logged.position(), event);
            long position = logged.position();
            if (event instanceof SocketCreated e) {
                contexts.put(e.socket(), e.context());
            } else if (event instanceof PortBindingAdded e) {
                LinkedHashMap<SocketId, Binding> live = ports.computeIfAbsent(e.port(), k -> new LinkedHashMap<>());
                Binding second = e.binding();
                assertEquals(e.port(), PortKey.of(second.protocol(), second.address()), "port of the binding");
                for (Binding first : live.values()) {
                    check(first, second, position);
                }
                assertNull(live.put(second.socket(), second), "bound twice on one port at " + position);
                assertNull(added.put(second.socket(), second), "a second port binding of one socket at " + position);
            } else if (event instanceof SocketBound e) {
                assertEquals(added.get(e.socket()), e.binding(), "bound without its port binding at " + position);
                bound.put(e.socket(), e.binding());
            } else if (event instanceof PortBindingReleased e) {
                LinkedHashMap<SocketId, Binding> live = ports.get(e.port());
                assertNotNull(live, "released from a port with no binding at " + position);
                assertNotNull(live.remove(e.socket()), "released a binding the port did not hold at " + position);
                assertNotNull(added.remove(e.socket()), "released a binding never added at " + position);
            } else if (event instanceof SocketClosed e) {
                assertEquals(bound.remove(e.socket()), e.released(), "closed releasing its binding at " + position);
            }
        }

        Set<SocketId> liveSockets() {
            return Set.copyOf(bound.keySet());
        }

        void assertEveryBindingHalfHasItsOtherHalf() {
            assertEquals(added, bound, "every port binding has its socket's half and the other way round");
        }

        /** SPEC.md 6: A first, B second, overlapping on one port. */
        private void check(Binding first, Binding second, long position) {
            TransportAddress a = first.address();
            TransportAddress b = second.address();
            if (!a.overlaps(b)) {
                return;
            }
            pairsChecked++;
            SharingCell cell = profile.cell(first.option(), a.kind(), second.option(), b.kind());
            String pair = "at " + position + " under " + profile + ": " + first.option() + " " + a + " then "
                    + second.option() + " " + b + " -> " + cell;
            switch (cell) {
                case SUCCESS -> { }
                case CHECK -> assertTrue(AccessCheck.check(first.descriptor(), contexts.get(second.socket()),
                        AddressSharingRights.SHARE_ADDRESS, AddressSharingRights.MAPPING).granted(),
                        pair + " but the access check of " + contexts.get(second.socket()) + " against "
                                + first.descriptor().toSddl() + " refuses");
                default -> fail("two live bindings the profile forbids: " + pair);
            }
        }
    }
}
