package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.irp.CallResult;
import org.wskemu.api.irp.Completion;

/**
 * A WSK application in a test: makes each call with its own IRP, checks the call's return against
 * the IRP's completion (PENDING, or the failure itself when refused at once), waits for it, and keeps
 * every IRP so a test can check that each completed exactly once.
 */
final class Driver {

    /** The name of the threads an engine completes pending IRPs on. */
    static final String ENGINE_THREAD = "wskemu-engine-";

    private final WskEmulator kernel;
    private final List<TrackedIrp> irps = new CopyOnWriteArrayList<>();

    Driver(WskEmulator kernel) {
        this.kernel = kernel;
    }

    /** WskSocket, waited for; answers the new socket. */
    SocketId socket(SocketRequest request) {
        Completion completion = socketCall(request);
        assertEquals(NtStatus.SUCCESS, completion.ioStatus().status(), () -> "socket " + request);
        return ((CallResult.NewSocket) completion.result()).socket();
    }

    Completion socketCall(SocketRequest request) {
        TrackedIrp irp = track();
        return finish(kernel.socket(request, irp.irp), irp);
    }

    Completion control(SocketId socket, ControlRequest request) {
        TrackedIrp irp = track();
        return finish(kernel.controlSocket(socket, request, irp.irp), irp);
    }

    Completion bind(SocketId socket, String address) {
        TrackedIrp irp = track();
        return finish(kernel.bind(socket, TransportAddress.parse(address), irp.irp), irp);
    }

    Completion close(SocketId socket) {
        TrackedIrp irp = track();
        return finish(kernel.closeSocket(socket, irp.irp), irp);
    }

    /** WskControlSocket, not waited for; the IRP is kept like the others. */
    TrackedIrp submitControl(SocketId socket, ControlRequest request) {
        TrackedIrp irp = track();
        NtStatus returned = kernel.controlSocket(socket, request, irp.irp);
        assertEquals(NtStatus.PENDING, returned, () -> "control " + request);
        return irp;
    }

    NtStatus status(Completion completion) {
        return completion.ioStatus().status();
    }

    TrackedIrp track() {
        TrackedIrp irp = new TrackedIrp();
        irps.add(irp);
        return irp;
    }

    /** Every IRP this driver used. */
    List<TrackedIrp> irps() {
        return List.copyOf(irps);
    }

    private static Completion finish(NtStatus returned, TrackedIrp irp) {
        Completion completion = irp.awaitCompletion();
        if (returned == NtStatus.PENDING) {
            // completed later, on an engine thread, never inside the call
            assertTrue(irp.threads().get(0).startsWith(ENGINE_THREAD), () -> "completed on " + irp.threads());
        } else {
            // refused at once: the IRP carries the same failure
            assertEquals(returned, completion.ioStatus().status());
            assertTrue(!returned.isSuccess(), "a call is never answered SUCCESS at once");
        }
        return completion;
    }
}
