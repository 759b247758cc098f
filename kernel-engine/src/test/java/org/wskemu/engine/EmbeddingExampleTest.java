package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.irp.Irp;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/** The README's embedding example, word for word, so it keeps compiling and meaning what it says. */
class EmbeddingExampleTest {

    @Test
    void readmeExampleRuns() throws Exception {
        NtStatus returned;
        Completion bound;
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            kernel.declareProcess(new ProcessId(4), Token.of(Sid.LOCAL_SYSTEM));
            Irp irp = new Irp();
            returned = kernel.socket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, new ProcessId(4)), irp);
            // returned == STATUS_PENDING; the IRP completes exactly once on an engine thread
            SocketId socket = irp.completionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).socket();
            irp.reuse();
            kernel.bind(socket, TransportAddress.parse("0.0.0.0:80"), irp);
            bound = irp.completionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            // bound.status() == SUCCESS, bound.boundAddress() the address taken, bound.position() the decision's event position
            assertEquals(1, kernel.readModels().ownership().size());
        }
        assertEquals(NtStatus.PENDING, returned);
        assertEquals(NtStatus.SUCCESS, bound.status());
        assertEquals(TransportAddress.parse("0.0.0.0:80"), bound.boundAddress());
        assertTrue(bound.position() > 0);
    }
}
