package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
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
import org.wskemu.api.irp.Irp;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * ARCHITECTURE.md invariant 2 for dual-stack binds (SPEC.md 6a): a dual-stack {@code [::]:P} with
 * SO_EXCLUSIVEADDRUSE races an {@code inet} {@code 0.0.0.0:P} and a v6-only {@code [::]:P}. Whatever the
 * interleaving, the dual-stack socket holds both name spaces or neither: it wins alone, or the other two
 * win (each in its own name space), never a mix; and every decision re-derives.
 */
@Tag("race")
class DualStackRaceTest {

    private static final int ROUNDS = 120;

    @Test
    void aDualStackBindHoldsBothNameSpacesOrNeither() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (WskEmulator kernel = WskEmulator.builder().engineThreads(3).build()) {
            kernel.declareProcess(new ProcessId(4), Token.of(Sid.LOCAL_SYSTEM));
            Driver driver = new Driver(kernel);
            int dualWins = 0;
            int othersWin = 0;
            for (int round = 0; round < ROUNDS; round++) {
                int port = 2000 + round;
                SocketId dual = driver.socket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET6, new ProcessId(4)));
                assertEquals(NtStatus.SUCCESS, driver.status(driver.control(dual, ControlRequest.set(OptionCode.IPV6_V6ONLY, 0))));
                assertEquals(NtStatus.SUCCESS, driver.status(driver.control(dual,
                        ControlRequest.set(OptionCode.SO_EXCLUSIVEADDRUSE, 1))));
                SocketId v4 = driver.socket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, new ProcessId(4)));
                SocketId v6 = driver.socket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET6, new ProcessId(4)));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<NtStatus>> binds = new ArrayList<>();
                binds.add(threads.submit(() -> bind(kernel, start, dual, "[::]:" + port)));
                binds.add(threads.submit(() -> bind(kernel, start, v4, "0.0.0.0:" + port)));
                binds.add(threads.submit(() -> bind(kernel, start, v6, "[::]:" + port)));
                start.countDown();
                NtStatus dualStatus = binds.get(0).get();
                NtStatus v4Status = binds.get(1).get();
                NtStatus v6Status = binds.get(2).get();
                String round4 = "round " + round + ": dual " + dualStatus + ", inet " + v4Status + ", inet6 " + v6Status;
                if (dualStatus.isSuccess()) {
                    dualWins++;
                    assertTrue(!v4Status.isSuccess() && !v6Status.isSuccess(), round4);
                } else {
                    othersWin++;
                    assertTrue(v4Status.isSuccess() && v6Status.isSuccess(), round4);
                }
                for (SocketId socket : List.of(dual, v4, v6)) {
                    assertEquals(NtStatus.SUCCESS, driver.status(driver.close(socket)));
                }
            }
            assertEquals(ROUNDS, dualWins + othersWin);
            assertEquals(List.of(), kernel.verify().mismatches());
            assertEquals(List.of(), kernel.readModels().ownership(), "every socket was closed");
            driver.irps().forEach(irp -> assertEquals(1, irp.completions()));
        } finally {
            threads.shutdownNow();
        }
    }

    private static NtStatus bind(WskEmulator kernel, CountDownLatch start, SocketId socket, String address)
            throws InterruptedException {
        start.await();
        Irp irp = new Irp();
        NtStatus returned = kernel.bind(socket, TransportAddress.parse(address), irp);
        if (returned != NtStatus.PENDING) {
            return returned;
        }
        return irp.completionStage().toCompletableFuture().join().ioStatus().status();
    }
}
