package com.example.driver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.irp.Irp;
import org.wskemu.engine.WskEmulator;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;
import org.wskemu.test.WskEmulatorTest;

/**
 * The asynchronous API as a driver sees it: the call returns STATUS_PENDING and the IRP completes
 * later on an engine thread, calling its completion routine once. The test waits with Awaitility.
 */
@WskEmulatorTest
class IrpCompletionTest {

    @Test
    void aSocketCallPendsThenCompletesItsIrpOnce(WskEmulator kernel) {
        ProcessId system = new ProcessId(4);
        kernel.declareProcess(system, Token.of(Sid.LOCAL_SYSTEM));
        AtomicReference<String> completedOn = new AtomicReference<>();
        Irp irp = Irp.withCompletionRoutine(done -> completedOn.set(Thread.currentThread().getName()));

        NtStatus returned = kernel.socket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, system), irp);

        assertEquals(NtStatus.PENDING, returned);
        // the routine runs once the IRP holds its completion
        await().atMost(Duration.ofSeconds(10)).until(() -> completedOn.get() != null);
        Completion created = irp.completion().orElseThrow();
        assertEquals(NtStatus.SUCCESS, created.status());
        assertEquals(created.socket().value(), created.ioStatus().information(), "Information is the new handle");
        assertTrue(completedOn.get().startsWith("wskemu-engine-"), completedOn::get);
    }
}
