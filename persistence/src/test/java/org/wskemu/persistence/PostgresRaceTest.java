package org.wskemu.persistence;

import org.wskemu.engine.SessionRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.persistence.EngineSessions.assertSameView;
import static org.wskemu.persistence.EngineSessions.copy;
import static org.wskemu.persistence.EngineSessions.events;
import static org.wskemu.persistence.EngineSessions.fold;
import static org.wskemu.persistence.SharedStoreRaceTest.call;
import static org.wskemu.persistence.SharedStoreRaceTest.socket;
import static org.wskemu.persistence.SharedStoreRaceTest.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * Many writers on one PostgreSQL store: four engines, each with its own pool, Axon configuration,
 * read-model processor and claim (as four processes would have), race exclusive binds on three
 * ports. A port is never held twice at any position, every recorded decision verifies, and every
 * engine sees one log and the same read models. Then the read-model processor's claim is held by a
 * process that died, and another process takes it over.
 */
@Tag("postgres")
@Tag("race")
@ExtendWith(PostgresCluster.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class PostgresRaceTest {

    static final int ENGINES = 4;
    static final int CALLS_PER_ENGINE = 60;
    static final int[] PORTS = {7001, 7002, 7003};

    @Test
    void fourWritersOnFewPortsNeverBothWinAndTheStoreVerifies() throws Exception {
        StoreLocation location = StoreLocation.parse(PostgresCluster.freshDatabaseWithCredentials());
        ExecutorService threads = Executors.newFixedThreadPool(ENGINES);
        List<WskEmulator> engines = new ArrayList<>();
        try {
            // opened together: the migrations of the empty database run once (Flyway's advisory lock)
            CyclicBarrier opening = new CyclicBarrier(ENGINES);
            List<Future<WskEmulator>> opened = new ArrayList<>();
            for (int i = 0; i < ENGINES; i++) {
                opened.add(threads.submit(() -> {
                    opening.await(1, TimeUnit.MINUTES);
                    return WskEmulator.builder().storage(JdbcStorage.open(location)).build();
                }));
            }
            for (Future<WskEmulator> engine : opened) {
                engines.add(engine.get(2, TimeUnit.MINUTES));
            }
            CyclicBarrier start = new CyclicBarrier(ENGINES);
            List<Future<Map<NtStatus, Integer>>> work = new ArrayList<>();
            for (int i = 0; i < ENGINES; i++) {
                WskEmulator engine = engines.get(i);
                ProcessId process = new ProcessId(1000 + i);
                long seed = 0x4ACE_0000L + i;
                work.add(threads.submit(writer(engine, process, seed, start)));
            }
            Map<NtStatus, Integer> outcomes = new HashMap<>();
            for (Future<Map<NtStatus, Integer>> done : work) {
                done.get(5, TimeUnit.MINUTES).forEach((s, n) -> outcomes.merge(s, n, Integer::sum));
            }
            assertTrue(outcomes.getOrDefault(NtStatus.SUCCESS, 0) > 0 && outcomes.getOrDefault(NtStatus.ADDRESS_ALREADY_EXISTS, 0) > 0,
                    "the writers both won and lost binds: " + outcomes);
            for (WskEmulator engine : engines) {
                assertTrue(engine.failures().isEmpty(), () -> "engine failures " + engine.failures());
            }

            List<LoggedEvent> log = events(engines.get(0).log());
            for (WskEmulator engine : engines) {
                assertEquals(log, events(engine.log()), "one log");
                assertTrue(engine.verify().ok(), () -> engine.verify().mismatches().toString());
                assertSameView(fold(engine.log()), copy(engine.readModels()), "each engine's read models");
            }
            // invariant 2 at every position a decision was recorded at: no port held twice
            WskEmulator reader = engines.get(0);
            List<Long> decided = copy(reader.readModels()).decisions().stream().map(d -> d.position()).toList();
            assertTrue(decided.size() >= ENGINES * CALLS_PER_ENGINE / 2, "decisions: " + decided.size());
            for (int i = 0; i < decided.size(); i += Math.max(1, decided.size() / 40)) {
                long position = decided.get(i);
                ReadModelView at = reader.timeline().at(position);
                Map<Integer, Long> holders = new HashMap<>();
                for (OwnershipRow row : at.ownership()) {
                    holders.merge(row.address().port(), 1L, Long::sum);
                }
                holders.forEach((port, n) -> assertEquals(1L, n, "port " + port + " just after position " + position));
                assertSameView(fold(reader.log(), position), at, "the state at " + position);
            }
        } finally {
            for (WskEmulator engine : engines) {
                engine.close();
            }
            threads.shutdownNow();
        }
    }

    /** Binds new sockets to the few ports, closing what it holds now and then. */
    private static Callable<Map<NtStatus, Integer>> writer(WskEmulator engine, ProcessId process, long seed, CyclicBarrier start) {
        return () -> {
            engine.declareProcess(process, Token.of(Sid.LOCAL_SYSTEM));
            start.await(1, TimeUnit.MINUTES);
            Random random = new Random(seed);
            List<SocketId> held = new ArrayList<>();
            Map<NtStatus, Integer> outcomes = new HashMap<>();
            for (int call = 0; call < CALLS_PER_ENGINE; call++) {
                if (!held.isEmpty() && random.nextInt(3) == 0) {
                    SocketId closing = held.remove(random.nextInt(held.size()));
                    assertEquals(NtStatus.SUCCESS, status(call(irp -> engine.closeSocket(closing, irp))));
                    continue;
                }
                SocketId socket = socket(engine, process);
                int port = PORTS[random.nextInt(PORTS.length)];
                NtStatus bound = status(call(irp -> engine.bind(socket, TransportAddress.parse("0.0.0.0:" + port), irp)));
                outcomes.merge(bound, 1, Integer::sum);
                if (bound == NtStatus.SUCCESS) {
                    held.add(socket);
                }
            }
            return outcomes;
        };
    }
}
