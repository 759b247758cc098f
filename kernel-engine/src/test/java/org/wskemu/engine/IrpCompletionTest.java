package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.api.OptionCode.SO_REUSEADDR;
import static org.wskemu.api.OptionCode.SO_WSK_SECURITY;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.CallKind;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.event.CallRefused;
import org.wskemu.api.event.ControlRefused;
import org.wskemu.api.event.OptionRead;
import org.wskemu.api.event.SharingOptionSet;
import org.wskemu.api.event.WskEvent;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.irp.Irp;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/** SPEC.md 5 on IRPs, through the embedding API: every IRP completes exactly once, with the right IoStatus. */
class IrpCompletionTest {

    static final ProcessId SYSTEM = new ProcessId(4);
    static final SocketRequest LISTEN = SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, SYSTEM);
    static final String ENGINE_THREAD = "wskemu-engine-";

    private WskEmulator kernel;
    private Driver driver;

    @BeforeEach
    void start() {
        kernel = WskEmulator.inMemory();
        kernel.declareProcess(SYSTEM, Token.of(Sid.LOCAL_SYSTEM));
        driver = new Driver(kernel);
    }

    @AfterEach
    void stop() {
        kernel.close();
        // the engine has stopped: no IRP can complete any more
        driver.irps().forEach(irp -> assertEquals(1, irp.completions(), "each IRP completes exactly once"));
        assertEquals(List.of(), kernel.failures());
    }

    private List<WskEvent> events() {
        try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
            return events.map(LoggedEvent::event).toList();
        }
    }

    @Nested
    class AnAcceptedCall {

        @Test
        void socketReturnsPendingThenCompletesOnceWithTheNewHandle() {
            TrackedIrp irp = driver.track();
            assertEquals(NtStatus.PENDING, kernel.socket(LISTEN, irp.irp));
            Completion done = irp.awaitCompletion();
            SocketId socket = assertInstanceOf(CallResult.NewSocket.class, done.result()).socket();
            assertEquals(NtStatus.SUCCESS, done.ioStatus().status());
            assertEquals(socket.value(), done.ioStatus().information(), "Information = the new socket");
            assertTrue(done.position() > 0, "the completion names the recorded position");
            assertFalse(irp.irp.isPending());
            assertEquals(1, irp.completions());
            assertTrue(irp.threads().get(0).startsWith(ENGINE_THREAD), () -> "completed on " + irp.threads());
        }

        @Test
        void aSetCompletesWithSuccessAndNoInformation() {
            SocketId socket = driver.socket(LISTEN);
            TrackedIrp irp = driver.track();
            assertEquals(NtStatus.PENDING, kernel.controlSocket(socket, ControlRequest.set(SO_REUSEADDR, 1), irp.irp));
            Completion done = irp.awaitCompletion();
            assertEquals(NtStatus.SUCCESS, done.ioStatus().status());
            assertEquals(0, done.ioStatus().information());
            assertEquals(CallResult.NONE, done.result());
        }

        @Test
        void aGetCompletesWithTheValueAndInformationFour() {
            SocketId socket = driver.socket(LISTEN);
            driver.control(socket, ControlRequest.set(SO_REUSEADDR, 9));
            TrackedIrp irp = driver.track();
            assertEquals(NtStatus.PENDING, kernel.controlSocket(socket, ControlRequest.get(SO_REUSEADDR), irp.irp));
            Completion done = irp.awaitCompletion();
            assertEquals(NtStatus.SUCCESS, done.ioStatus().status());
            assertEquals(4, done.ioStatus().information());
            assertEquals(new CallResult.OptionValue(1), done.result());
        }

        @Test
        void aGetOfTheDescriptorAnswersTheDefaultOfTheProfile() {
            SocketId socket = driver.socket(LISTEN);
            Completion done = driver.control(socket, ControlRequest.get(SO_WSK_SECURITY));
            assertEquals(NtStatus.SUCCESS, done.ioStatus().status());
            assertEquals(new CallResult.Descriptor(SecurityDescriptor.parse("O:SYD:")), done.result());
        }

        @Test
        void aBindCompletesWithTheAddressItTook() {
            SocketId first = driver.socket(LISTEN);
            SocketId second = driver.socket(LISTEN);
            Completion one = driver.bind(first, "0.0.0.0:0");
            Completion two = driver.bind(second, "127.0.0.1:0");
            assertEquals(new IoStatus(NtStatus.SUCCESS, 0), IoStatus.of(one));
            assertEquals(new CallResult.Bound(TransportAddress.parse("0.0.0.0:49152")), one.result());
            assertEquals(new CallResult.Bound(TransportAddress.parse("127.0.0.1:49153")), two.result());
        }

        @Test
        void aBindTheEngineRefusesStillReturnsPendingAndCompletesWithTheRefusal() {
            SocketId first = driver.socket(LISTEN);
            SocketId second = driver.socket(LISTEN);
            driver.bind(first, "0.0.0.0:80");
            TrackedIrp irp = driver.track();
            assertEquals(NtStatus.PENDING, kernel.bind(second, TransportAddress.parse("0.0.0.0:80"), irp.irp));
            assertEquals(new IoStatus(NtStatus.ADDRESS_ALREADY_EXISTS, 0), IoStatus.of(irp.awaitCompletion()));
            assertEquals(CallResult.NONE, irp.irp.completion().orElseThrow().result());
        }

        @Test
        void aCallOnAnUnknownSocketCompletesWithInvalidHandleAndIsRecorded() {
            SocketId unknown = new SocketId(0xDEAD);
            assertEquals(NtStatus.INVALID_HANDLE, driver.status(driver.bind(unknown, "0.0.0.0:80")));
            assertEquals(NtStatus.INVALID_HANDLE, driver.status(driver.control(unknown, ControlRequest.get(SO_REUSEADDR))));
            assertEquals(NtStatus.INVALID_HANDLE, driver.status(driver.close(unknown)));
            assertEquals(List.of(CallKind.BIND, CallKind.GET, CallKind.CLOSE), events().stream()
                    .filter(e -> e instanceof CallRefused r && unknown.equals(r.socket())
                            && r.status() == NtStatus.INVALID_HANDLE)
                    .map(e -> ((CallRefused) e).call()).toList());
        }

        @Test
        void everyCallOnAClosedSocketCompletesWithInvalidHandle() {
            SocketId socket = driver.socket(LISTEN);
            assertEquals(NtStatus.SUCCESS, driver.status(driver.close(socket)));
            assertEquals(NtStatus.INVALID_HANDLE, driver.status(driver.control(socket, ControlRequest.set(SO_REUSEADDR, 1))));
            assertEquals(NtStatus.INVALID_HANDLE, driver.status(driver.control(socket, ControlRequest.get(SO_WSK_SECURITY))));
            assertEquals(NtStatus.INVALID_HANDLE, driver.status(driver.bind(socket, "0.0.0.0:80")));
            assertEquals(NtStatus.INVALID_HANDLE, driver.status(driver.close(socket)));
        }
    }

    @Nested
    class ACallRefusedAtOnce {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.wskemu.engine.IrpCompletionTest#nullIrpCalls")
        void aNullIrpIsInvalidParameterAtOnceAndRecorded(CallKind kind) {
            SocketId socket = driver.socket(LISTEN);
            NtStatus returned = switch (kind) {
                case SOCKET -> kernel.socket(LISTEN, null);
                case SET -> kernel.controlSocket(socket, ControlRequest.set(SO_REUSEADDR, 1), null);
                case GET -> kernel.controlSocket(socket, ControlRequest.get(SO_REUSEADDR), null);
                case BIND -> kernel.bind(socket, TransportAddress.parse("0.0.0.0:80"), null);
                case CLOSE -> kernel.closeSocket(socket, null);
            };
            assertEquals(NtStatus.INVALID_PARAMETER, returned);
            // recorded before the call returned
            List<CallRefused> refusals = events().stream().filter(CallRefused.class::isInstance)
                    .map(CallRefused.class::cast).toList();
            assertEquals(1, refusals.size(), () -> refusals.toString());
            assertEquals(kind, refusals.get(0).call());
            assertEquals(NtStatus.INVALID_PARAMETER, refusals.get(0).status());
            assertEquals(kind == CallKind.SOCKET ? null : socket, refusals.get(0).socket());
            // and nothing else happened: the socket is still open and unbound
            assertEquals(1, kernel.readModels().sockets().size());
            assertTrue(kernel.readModels().sockets().get(0).isOpen());
            assertEquals(List.of(), kernel.readModels().ownership());
            assertEquals(NtStatus.SUCCESS, driver.status(driver.bind(socket, "0.0.0.0:80")));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @MethodSource("org.wskemu.engine.IrpCompletionTest#badRequests")
        void aBadLevelOrSizeCompletesTheIrpBeforeTheCallReturns(ControlRequest request, NtStatus expected) {
            SocketId socket = driver.socket(LISTEN);
            TrackedIrp irp = driver.track();
            assertEquals(expected, kernel.controlSocket(socket, request, irp.irp));
            // completed at once: no waiting
            assertEquals(1, irp.completions());
            assertEquals(new IoStatus(expected, 0), IoStatus.of(irp.irp.completion().orElseThrow()));
            assertTrue(events().contains(refusalOf(socket, request, expected)), () -> events().toString());
        }

        @ParameterizedTest(name = "{0} on a closed or unknown socket -> {1}, as through the runner")
        @MethodSource("org.wskemu.engine.IrpCompletionTest#badRequests")
        void aBadLevelOrSizeOnAClosedSocketIsRefusedBeforeTheHandleAsThroughTheRunner(ControlRequest request,
                                                                                    NtStatus expected) {
            // SPEC.md 5 (issue #12): sizes and levels (step 2) are checked before the handle (step 3);
            // this test expected INVALID_HANDLE before the spec fixed one order for every entry point
            SocketId socket = driver.socket(LISTEN);
            driver.close(socket);
            TrackedIrp irp = driver.track();
            assertEquals(expected, kernel.controlSocket(socket, request, irp.irp));
            assertEquals(1, irp.completions());
            assertEquals(expected, irp.irp.ioStatus().orElseThrow().status());
            SocketId unknown = new SocketId(0xBEEF);
            TrackedIrp other = driver.track();
            assertEquals(expected, kernel.controlSocket(unknown, request, other.irp));
            assertEquals(expected, other.irp.ioStatus().orElseThrow().status());
            try (WskEmulator runner = WskEmulator.inMemory()) {
                List<SessionRunner.Report> reports = runner.sessions().run(SessionRunner.Run.of("closed", List.of(
                        Sessions.process(4, "SY"), Sessions.socket("a", "listen", 4, null, null),
                        Sessions.close("a", null),
                        new SessionCall.Control(0, "a", request, true, null, null, null)))).reports();
                assertEquals(expected, reports.get(3).status());
            }
        }

        private ControlRefused refusalOf(SocketId socket, ControlRequest request, NtStatus status) {
            return events().stream().filter(ControlRefused.class::isInstance).map(ControlRefused.class::cast)
                    .filter(e -> e.socket().equals(socket) && e.request().equals(request) && e.status() == status)
                    .findFirst().orElse(null);
        }
    }

    @Nested
    class AnIrpStillPending {

        @Test
        void submittedAgainIsInvalidParameterAndThePendingCallCompletesNormallyOnce() throws Exception {
            kernel.close();
            // one engine thread, held in a completion routine: later calls stay queued, their IRPs pending
            kernel = WskEmulator.builder().engineThreads(1).build();
            kernel.declareProcess(SYSTEM, Token.of(Sid.LOCAL_SYSTEM));
            driver = new Driver(kernel);
            SocketId socket = driver.socket(LISTEN);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger blockerCompletions = new AtomicInteger();
            Irp blocker = Irp.withCompletionRoutine(irp -> {
                blockerCompletions.incrementAndGet();
                entered.countDown();
                try {
                    release.await(TrackedIrp.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertEquals(NtStatus.PENDING, kernel.controlSocket(socket, ControlRequest.set(SO_REUSEADDR, 1), blocker));
            assertTrue(entered.await(TrackedIrp.PATIENCE.toSeconds(), TimeUnit.SECONDS));

            TrackedIrp pending = driver.track();
            assertEquals(NtStatus.PENDING, kernel.controlSocket(socket, ControlRequest.get(SO_REUSEADDR), pending.irp));
            assertTrue(pending.irp.isPending());

            // the refusal is recorded in the socket's order, so the caller waits behind the pending call
            AtomicReference<NtStatus> again = new AtomicReference<>();
            Thread resubmitter = new Thread(() -> again.set(
                    kernel.controlSocket(socket, ControlRequest.set(SO_REUSEADDR, 0), pending.irp)), "resubmitter");
            resubmitter.start();
            TrackedIrp.awaiting().until(() -> resubmitter.getState() == Thread.State.WAITING
                    || !resubmitter.isAlive());
            assertTrue(pending.irp.isPending(), "the pending IRP is not disturbed");
            assertEquals(0, pending.completions());

            release.countDown();
            resubmitter.join(TrackedIrp.PATIENCE.toMillis());
            assertEquals(NtStatus.INVALID_PARAMETER, again.get());
            Completion done = pending.awaitCompletion();
            assertEquals(new IoStatus(NtStatus.SUCCESS, 4), IoStatus.of(done));
            assertEquals(new CallResult.OptionValue(1), done.result(), "the first call's answer, not the refused one's");
            assertEquals(1, blockerCompletions.get());

            // the refused set never took effect; the refusal is on record after the pending call
            assertEquals(new CallResult.OptionValue(1), driver.control(socket, ControlRequest.get(SO_REUSEADDR)).result());
            List<WskEvent> onSocket = events().stream().filter(e -> e instanceof SharingOptionSet
                    || e instanceof CallRefused || e instanceof OptionRead).toList();
            assertEquals(4, onSocket.size(), onSocket::toString);
            assertInstanceOf(SharingOptionSet.class, onSocket.get(0));
            assertInstanceOf(OptionRead.class, onSocket.get(1));
            CallRefused refusal = assertInstanceOf(CallRefused.class, onSocket.get(2));
            assertEquals(new CallRefused(socket, CallKind.SET, NtStatus.INVALID_PARAMETER, refusal.reason()), refusal);
        }

        @Test
        void aCompletedIrpMayBeSubmittedAgain() {
            SocketId socket = driver.socket(LISTEN);
            TrackedIrp irp = new TrackedIrp(); // completes once per call, so not one of the driver's
            assertEquals(NtStatus.PENDING, kernel.controlSocket(socket, ControlRequest.set(SO_REUSEADDR, 1), irp.irp));
            irp.awaitCompletion();
            assertEquals(NtStatus.PENDING, kernel.controlSocket(socket, ControlRequest.get(SO_REUSEADDR), irp.irp));
            TrackedIrp.awaiting().until(() -> irp.completions() == 2);
            assertEquals(new IoStatus(NtStatus.SUCCESS, 4), IoStatus.of(irp.irp.completion().orElseThrow()));
            assertEquals(new CallResult.OptionValue(1), irp.irp.completion().orElseThrow().result());
        }
    }

    @Nested
    class ACompletionRoutineThatThrows {

        @Test
        void stillCompletesTheIrpStageAndReachesTheUncaughtExceptionHandler() throws Exception {
            Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
            List<Throwable> uncaught = new CopyOnWriteArrayList<>();
            Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
            try {
                IllegalStateException driverBug = new IllegalStateException("driver bug in a completion routine");
                Irp irp = Irp.withCompletionRoutine(completed -> {
                    throw driverBug;
                });
                assertEquals(NtStatus.PENDING, kernel.socket(LISTEN, irp));
                Completion done = irp.completionStage().toCompletableFuture()
                        .get(TrackedIrp.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertEquals(NtStatus.SUCCESS, done.ioStatus().status());
                TrackedIrp.awaiting().until(() -> !uncaught.isEmpty());
                assertEquals(List.of(driverBug), uncaught);
                // the engine thread survived: the next call completes as usual
                assertEquals(NtStatus.SUCCESS, driver.status(driver.control(
                        assertInstanceOf(CallResult.NewSocket.class, done.result()).socket(),
                        ControlRequest.set(SO_REUSEADDR, 1))));
            } finally {
                Thread.setDefaultUncaughtExceptionHandler(previous);
            }
        }
    }

    @Nested
    class CallsOnOneSocket {

        @Test
        void takeEffectInTheOrderTheyWereMadeWhateverThreadMadeThem() throws Exception {
            SocketId socket = driver.socket(SocketRequest.of(SocketCategory.DATAGRAM, AddressFamily.INET, SYSTEM));
            int threads = 8;
            int perThread = 40;
            ReentrantLock submission = new ReentrantLock(true);
            AtomicInteger next = new AtomicInteger(1);
            List<Integer> submitted = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            TrackedIrp irp = driver.track();
                            submission.lock();
                            try {
                                int value = next.getAndIncrement();
                                assertEquals(NtStatus.PENDING, kernel.controlSocket(socket,
                                        ControlRequest.set(SO_REUSEADDR, value), irp.irp));
                                submitted.add(value);
                            } finally {
                                submission.unlock();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(TrackedIrp.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdown();
            }
            driver.irps().forEach(TrackedIrp::awaitCompletion);
            List<Integer> recorded = events().stream().filter(SharingOptionSet.class::isInstance)
                    .map(SharingOptionSet.class::cast).filter(e -> e.socket().equals(socket))
                    .map(SharingOptionSet::value).toList();
            assertEquals(IntStream.rangeClosed(1, threads * perThread).boxed().toList(), submitted);
            assertEquals(submitted, recorded);
            for (TrackedIrp irp : driver.irps()) {
                assertEquals(NtStatus.SUCCESS, irp.irp.ioStatus().orElseThrow().status());
            }
        }
    }

    @Nested
    class Closing {

        @Test
        void closeWaitsForEveryAcceptedCallAndRecordsIt() {
            SocketId socket = driver.socket(LISTEN);
            List<TrackedIrp> queued = new ArrayList<>();
            for (int value = 1; value <= 100; value++) {
                TrackedIrp irp = new TrackedIrp();
                queued.add(irp);
                assertEquals(NtStatus.PENDING, kernel.controlSocket(socket, ControlRequest.set(SO_REUSEADDR, value), irp.irp));
            }
            kernel.close(); // at once: most of the calls are still queued behind each other
            for (TrackedIrp irp : queued) {
                assertEquals(1, irp.completions());
                assertEquals(NtStatus.SUCCESS, irp.irp.ioStatus().orElseThrow().status());
            }
            assertEquals(List.of(), kernel.failures());
            List<Integer> recorded = events().stream().filter(SharingOptionSet.class::isInstance)
                    .map(e -> ((SharingOptionSet) e).value()).toList();
            assertEquals(IntStream.rangeClosed(1, 100).boxed().toList(), recorded);
        }
    }

    /** IoStatus as a value, for one-line assertions. */
    record IoStatus(NtStatus status, long information) {
        static IoStatus of(Completion completion) {
            return new IoStatus(completion.ioStatus().status(), completion.ioStatus().information());
        }
    }

    static Stream<CallKind> nullIrpCalls() {
        return Stream.of(CallKind.values());
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of(ControlRequest.set(SO_REUSEADDR, 1).withLevel(new OptionLevel(6)), NtStatus.INVALID_PARAMETER),
                Arguments.of(ControlRequest.get(OptionCode.SO_EXCLUSIVEADDRUSE).withLevel(new OptionLevel(0)),
                        NtStatus.INVALID_PARAMETER),
                Arguments.of(ControlRequest.set(SO_REUSEADDR, 1).withInputSize(2), NtStatus.INVALID_PARAMETER),
                Arguments.of(ControlRequest.get(SO_REUSEADDR).withOutputSize(3), NtStatus.BUFFER_TOO_SMALL));
    }
}
