package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.WskKernel;
import org.wskemu.api.event.RunStarted;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.irp.Completion;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * The example of SESSION-FORMAT.md ("two drivers race for port 80") made by a driver through the
 * asynchronous {@link WskKernel} with IRPs, not the session runner: the same statuses in the same order.
 */
class ContractExampleThroughTheKernelTest {

    @Test
    void theExampleGivesTheRunnersStatusesThroughIrps() {
        List<NtStatus> byRunner;
        List<Class<?>> runnerEvents;
        TransportAddress runnerHeld;
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            byRunner = kernel.sessions().run(SessionRunner.Run.of("example", SessionRunnerTest.contractExample())).reports().stream()
                    .filter(r -> r.call().op() != org.wskemu.engine.session.Op.PROCESS)
                    .map(SessionRunner.Report::status).toList();
            runnerEvents = eventTypes(kernel);
            runnerHeld = kernel.readModels().ownership().get(0).address();
        }

        List<NtStatus> byKernel = new ArrayList<>();
        Driver driver;
        try (WskEmulator emulator = WskEmulator.inMemory()) {
            WskKernel kernel = emulator;
            kernel.declareProcess(new ProcessId(4), Token.of(Sid.LOCAL_SYSTEM));
            kernel.declareProcess(new ProcessId(700), Token.of(Sid.parse("S-1-5-21-1-2-3-1001"), Sid.BUILTIN_USERS));
            driver = new Driver(emulator);

            TrackedIrp createA = driver.track();
            assertEquals(NtStatus.PENDING, kernel.socket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET,
                    new ProcessId(4)).withDescriptor(SecurityDescriptor.parse("D:(A;;GA;;;SY)")), createA.irp));
            SocketId a = assertInstanceOf(CallResult.NewSocket.class, record(byKernel, createA).result()).socket();

            // one socket's calls keep their order: the driver need not wait between them
            TrackedIrp exclusive = driver.track();
            TrackedIrp bindA = driver.track();
            assertEquals(NtStatus.PENDING, kernel.controlSocket(a,
                    ControlRequest.set(OptionCode.SO_EXCLUSIVEADDRUSE, 1), exclusive.irp));
            assertEquals(NtStatus.PENDING, kernel.bind(a, TransportAddress.parse("0.0.0.0:80"), bindA.irp));
            record(byKernel, exclusive);
            record(byKernel, bindA);

            TrackedIrp createB = driver.track();
            assertEquals(NtStatus.PENDING, kernel.socket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET,
                    new ProcessId(700)), createB.irp));
            SocketId b = assertInstanceOf(CallResult.NewSocket.class, record(byKernel, createB).result()).socket();

            TrackedIrp refused = driver.track();
            assertEquals(NtStatus.PENDING, kernel.bind(b, TransportAddress.parse("10.0.0.5:80"), refused.irp));
            record(byKernel, refused);

            TrackedIrp closeA = driver.track();
            assertEquals(NtStatus.PENDING, kernel.closeSocket(a, closeA.irp));
            record(byKernel, closeA);

            TrackedIrp bindB = driver.track();
            assertEquals(NtStatus.PENDING, kernel.bind(b, TransportAddress.parse("10.0.0.5:80"), bindB.irp));
            Completion bound = record(byKernel, bindB);
            assertEquals(new CallResult.Bound(TransportAddress.parse("10.0.0.5:80")), bound.result());

            assertEquals(byRunner, byKernel);
            assertEquals(List.of(NtStatus.SUCCESS, NtStatus.SUCCESS, NtStatus.SUCCESS, NtStatus.SUCCESS,
                    NtStatus.ACCESS_DENIED, NtStatus.SUCCESS, NtStatus.SUCCESS), byKernel);
            assertEquals(runnerEvents, eventTypes(emulator), "the same events, bar the session run's start, recorded lines and end");
            List<OwnershipRow> held = emulator.readModels().ownership();
            assertEquals(List.of(b), held.stream().map(OwnershipRow::socket).toList());
            assertEquals(runnerHeld, held.get(0).address());
            assertEquals(List.of(), emulator.verify().mismatches());
            assertEquals(List.of(), emulator.failures());
        }
        driver.irps().forEach(irp -> assertEquals(1, irp.completions()));
    }

    private static Completion record(List<NtStatus> statuses, TrackedIrp irp) {
        Completion completion = irp.awaitCompletion();
        statuses.add(completion.ioStatus().status());
        return completion;
    }

    private static List<Class<?>> eventTypes(WskEmulator kernel) {
        try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
            // a run's start and the lines it records (issue #13) are the runner's own, not the calls'
            return events.map(e -> (Object) e.event())
                    .filter(e -> !(e instanceof RunStarted || e instanceof org.wskemu.api.event.CallsRecorded
                            || e instanceof org.wskemu.api.event.RunEnded))
                    .<Class<?>>map(Object::getClass).toList();
        }
    }
}
