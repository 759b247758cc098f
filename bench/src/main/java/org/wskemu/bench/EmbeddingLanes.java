package org.wskemu.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.irp.Irp;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.WskEmulator;
import org.wskemu.persistence.H2Storage;
import org.wskemu.persistence.StoreLocation;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * The embedding lanes figure (issue #22): one engine on one H2 file store, called through the
 * embedding API by 1, 2 or 4 driver threads at once, each on sockets of its own (a socket's calls keep
 * their order in its lane; different sockets' calls run on different engine threads, as many as the
 * drivers). Each driver creates a socket, binds it to a port of its own and closes it, waiting for
 * each IRP to complete before its next call, as a driver thread does. Calls per second over the wall
 * time of the group.
 */
final class EmbeddingLanes {

    static final int[] LANES = {1, 2, 4};
    private static final long WAIT_SECONDS = 60;

    private EmbeddingLanes() {
    }

    /**
     * @param directory a fresh directory for the store
     * @param lanes     driver threads (and engine threads)
     * @param calls     calls in all, shared out over the lanes in create, bind, close cycles
     * @return calls per second
     */
    static double callsPerSecond(Path directory, ProfileId profile, int lanes, int calls) throws Exception {
        H2Storage storage = H2Storage.open(StoreLocation.directory(directory));
        AtomicLong ids = new AtomicLong();
        ExecutorService drivers = Executors.newFixedThreadPool(lanes);
        try (WskEmulator kernel = WskEmulator.builder().profile(profile).storage(storage).engineThreads(lanes)
                .socketIds(ids::incrementAndGet).build()) {
            ProcessId process = new ProcessId(4);
            kernel.declareProcess(process, Token.of(Sid.LOCAL_SYSTEM));
            int cycles = Math.max(1, calls / 3 / lanes);
            List<Future<?>> running = new ArrayList<>();
            long start = System.nanoTime();
            for (int lane = 0; lane < lanes; lane++) {
                int port = 30_000 + lane;
                running.add(drivers.submit(() -> {
                    Irp irp = new Irp();
                    for (int i = 0; i < cycles; i++) {
                        irp.reuse();
                        kernel.socket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, process), irp);
                        SocketId socket = completed(irp).socket();
                        irp.reuse();
                        kernel.bind(socket, TransportAddress.parse("0.0.0.0:" + port), irp);
                        if (completed(irp).status() != NtStatus.SUCCESS) {
                            throw new IllegalStateException("lane on port " + port + ": a bind failed");
                        }
                        irp.reuse();
                        kernel.closeSocket(socket, irp);
                        completed(irp);
                    }
                    return null;
                }));
            }
            for (Future<?> lane : running) {
                lane.get();
            }
            long nanos = System.nanoTime() - start;
            return 3.0 * cycles * lanes / Stats.seconds(nanos);
        } finally {
            drivers.shutdownNow();
        }
    }

    private static Completion completed(Irp irp) throws InterruptedException, ExecutionException, TimeoutException {
        return irp.completionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
