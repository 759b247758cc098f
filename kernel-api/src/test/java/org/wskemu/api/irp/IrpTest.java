package org.wskemu.api.irp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;

class IrpTest {

    private static final Completion SUCCESS = new Completion(IoStatusBlock.of(NtStatus.SUCCESS), CallResult.NONE, 1);
    private static final Completion DENIED = new Completion(IoStatusBlock.of(NtStatus.ACCESS_DENIED), CallResult.NONE, 2);
    private static final Completion NEW_SOCKET = new Completion(new IoStatusBlock(NtStatus.SUCCESS, 7),
            new CallResult.NewSocket(new SocketId(7)), 3);

    /** A completion routine that records every call and what the IRP held when it ran. */
    private static final class RecordingRoutine implements CompletionRoutine {
        final List<Optional<Completion>> seen = new ArrayList<>();
        final List<Boolean> pendingWhenCalled = new ArrayList<>();

        @Override
        public synchronized void completed(Irp irp) {
            seen.add(irp.completion());
            pendingWhenCalled.add(irp.isPending());
        }

        synchronized int calls() {
            return seen.size();
        }
    }

    private static CompletableFuture<Completion> stage(Irp irp) {
        return irp.completionStage().toCompletableFuture();
    }

    private RecordingRoutine routine;
    private Irp irp;

    @BeforeEach
    void allocate() {
        routine = new RecordingRoutine();
        irp = Irp.withCompletionRoutine(routine);
    }

    @Nested
    class WhenJustAllocated {

        @Test
        void isNeitherPendingNorCompleted() {
            assertFalse(irp.isPending());
            assertEquals(Optional.empty(), irp.ioStatus());
            assertEquals(Optional.empty(), irp.completion());
            assertFalse(stage(irp).isDone());
        }

        @Test
        void completingWithoutSubmitThrowsAndCallsNoRoutine() {
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> irp.complete(SUCCESS));

            assertTrue(error.getMessage().contains("without being submitted"), error.getMessage());
            assertEquals(0, routine.calls());
            assertFalse(stage(irp).isDone());
            assertEquals(Optional.empty(), irp.completion());
        }

        @Test
        void submitTakesIt() {
            assertTrue(irp.submit());
            assertTrue(irp.isPending());
        }

        @Test
        void anIrpWithoutRoutineStillCompletesItsStage() {
            Irp plain = new Irp();
            assertTrue(plain.submit());

            plain.complete(DENIED);

            assertEquals(DENIED, stage(plain).getNow(null));
            assertEquals(Optional.of(IoStatusBlock.of(NtStatus.ACCESS_DENIED)), plain.ioStatus());
        }
    }

    @Nested
    class WhenPending {

        private CompletableFuture<Completion> firstStage;

        @BeforeEach
        void submit() {
            assertTrue(irp.submit());
            firstStage = stage(irp);
        }

        @Test
        void secondSubmitIsRefusedAndLeavesThePendingRequestAlone() {
            assertFalse(irp.submit());

            assertTrue(irp.isPending());
            assertFalse(firstStage.isDone());
            assertEquals(0, routine.calls());

            irp.complete(SUCCESS);
            assertEquals(SUCCESS, firstStage.getNow(null), "the original request's stage completes");
            assertEquals(SUCCESS, stage(irp).getNow(null), "no new stage was armed");
            assertEquals(1, routine.calls());
        }

        @Test
        void reuseThrows() {
            IllegalStateException error = assertThrows(IllegalStateException.class, irp::reuse);

            assertTrue(error.getMessage().contains("pending"), error.getMessage());
            assertTrue(irp.isPending());
            assertFalse(firstStage.isDone());
        }

        @Test
        void settingTheCompletionRoutineThrowsAndKeepsTheOldOne() {
            RecordingRoutine other = new RecordingRoutine();

            assertThrows(IllegalStateException.class, () -> irp.setCompletionRoutine(other));
            irp.complete(SUCCESS);

            assertEquals(1, routine.calls());
            assertEquals(0, other.calls());
        }

        @Test
        void completionSetsTheStatusBeforeTheRoutineRuns() {
            irp.complete(NEW_SOCKET);

            assertEquals(List.of(Optional.of(NEW_SOCKET)), routine.seen, "the routine saw the completion");
            assertEquals(List.of(false), routine.pendingWhenCalled, "the routine saw a completed IRP");
            assertEquals(Optional.of(new IoStatusBlock(NtStatus.SUCCESS, 7)), irp.ioStatus());
            assertEquals(NEW_SOCKET, firstStage.getNow(null));
            assertFalse(irp.isPending());
        }

        @Test
        void completingWithNullIsRefusedAndLeavesItPending() {
            assertThrows(NullPointerException.class, () -> irp.complete(null));

            assertTrue(irp.isPending());
            assertEquals(0, routine.calls());
            irp.complete(SUCCESS);
            assertEquals(SUCCESS, firstStage.getNow(null));
        }

        @Test
        void aThrowingRoutinePropagatesButTheIrpAndItsStageStillComplete() {
            IllegalStateException bug = new IllegalStateException("driver bug");
            Irp throwing = Irp.withCompletionRoutine(i -> {
                throw bug;
            });
            assertTrue(throwing.submit());
            CompletableFuture<Completion> throwingStage = stage(throwing);

            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> throwing.complete(DENIED));

            assertSame(bug, thrown, "the routine's exception reaches the completing thread");
            assertFalse(throwing.isPending());
            assertEquals(Optional.of(DENIED), throwing.completion());
            assertEquals(DENIED, throwingStage.getNow(null), "waiters on the stage are not left hanging");
        }
    }

    @Nested
    class WhenCompleted {

        private CompletableFuture<Completion> firstStage;

        @BeforeEach
        void submitAndComplete() {
            assertTrue(irp.submit());
            firstStage = stage(irp);
            irp.complete(SUCCESS);
        }

        @Test
        void secondCompletionThrowsAndChangesNothing() {
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> irp.complete(DENIED));

            assertTrue(error.getMessage().contains("completed twice"), error.getMessage());
            assertEquals(1, routine.calls(), "the routine ran once");
            assertEquals(Optional.of(SUCCESS), irp.completion(), "the first completion stands");
            assertEquals(SUCCESS, firstStage.getNow(null));
        }

        @Test
        void stageCompletesOnceWithTheCompletion() {
            AtomicInteger callbacks = new AtomicInteger();
            irp.completionStage().thenRun(callbacks::incrementAndGet);
            assertThrows(IllegalStateException.class, () -> irp.complete(DENIED));

            assertEquals(SUCCESS, firstStage.join());
            assertEquals(1, callbacks.get());
        }

        @Test
        void explicitReuseArmsAFreshStageAndTheRoutineRunsForTheNextRequest() {
            irp.reuse();

            assertFalse(irp.isPending());
            assertEquals(Optional.empty(), irp.completion(), "reuse clears the old IoStatus");
            CompletableFuture<Completion> secondStage = stage(irp);
            assertFalse(secondStage.isDone());
            assertThrows(IllegalStateException.class, () -> irp.complete(DENIED), "reused but not submitted");

            assertTrue(irp.submit());
            irp.complete(DENIED);

            assertEquals(DENIED, secondStage.getNow(null));
            assertEquals(SUCCESS, firstStage.getNow(null), "the first request's stage keeps its completion");
            assertEquals(List.of(Optional.of(SUCCESS), Optional.of(DENIED)), routine.seen, "routine kept and called again");
        }

        @Test
        void submitReArmsItImplicitly() {
            assertTrue(irp.submit());

            assertTrue(irp.isPending());
            assertEquals(Optional.empty(), irp.ioStatus());
            CompletableFuture<Completion> secondStage = stage(irp);
            assertFalse(secondStage.isDone(), "a fresh stage for the second request");

            irp.complete(NEW_SOCKET);

            assertEquals(NEW_SOCKET, secondStage.getNow(null));
            assertEquals(SUCCESS, firstStage.getNow(null));
            assertEquals(2, routine.calls());
        }

        @Test
        void aRoutineSetAfterCompletionServesTheNextRequest() {
            RecordingRoutine next = new RecordingRoutine();
            irp.setCompletionRoutine(next);

            assertTrue(irp.submit());
            irp.complete(DENIED);

            assertEquals(1, routine.calls());
            assertEquals(List.of(Optional.of(DENIED)), next.seen);
        }

        @Test
        void reuseTwiceIsHarmless() {
            irp.reuse();
            CompletableFuture<Completion> armed = stage(irp);
            irp.reuse();

            assertNotSame(armed, stage(irp));
            assertFalse(irp.isPending());
            assertTrue(irp.submit());
        }
    }

    @Nested
    class WhenCompletedConcurrently {

        private static final int THREADS = 8;
        private ExecutorService pool;

        @BeforeEach
        void startPool() {
            pool = Executors.newFixedThreadPool(THREADS);
        }

        @AfterEach
        void stopPool() throws InterruptedException {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }

        @Test
        void exactlyOneOfEightRacingThreadsCompletesIt() throws Exception {
            for (int round = 0; round < 50; round++) {
                RecordingRoutine counted = new RecordingRoutine();
                Irp raced = Irp.withCompletionRoutine(counted);
                assertTrue(raced.submit());
                CompletableFuture<Completion> racedStage = stage(raced);
                CountDownLatch ready = new CountDownLatch(THREADS);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Completion>> attempts = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    Completion mine = new Completion(IoStatusBlock.of(NtStatus.SUCCESS), CallResult.NONE, 100 + t);
                    attempts.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        try {
                            raced.complete(mine);
                            return mine;
                        } catch (IllegalStateException lost) {
                            return null;
                        }
                    }));
                }
                assertTrue(ready.await(10, TimeUnit.SECONDS));
                go.countDown();
                List<Completion> winners = new ArrayList<>();
                for (Future<Completion> attempt : attempts) {
                    Completion won = attempt.get(10, TimeUnit.SECONDS);
                    if (won != null) {
                        winners.add(won);
                    }
                }

                assertEquals(1, winners.size(), "round " + round + ": exactly one completion succeeds");
                assertEquals(1, counted.calls(), "round " + round + ": the routine ran once");
                assertEquals(Optional.of(winners.get(0)), raced.completion());
                assertEquals(winners.get(0), racedStage.getNow(null));
            }
        }
    }

    @Nested
    class IoStatusBlocks {

        @Test
        void pendingIsNeverAFinalStatus() {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> IoStatusBlock.of(NtStatus.PENDING));

            assertTrue(error.getMessage().contains("STATUS_PENDING"), error.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new IoStatusBlock(NtStatus.PENDING, 4));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = NtStatus.class, mode = EnumSource.Mode.EXCLUDE, names = "PENDING")
        void everyOtherStatusIsAFinalStatusWithInformationZeroByDefault(NtStatus status) {
            IoStatusBlock block = IoStatusBlock.of(status);

            assertEquals(status, block.status());
            assertEquals(0, block.information());
        }

        @Test
        void statusIsRequired() {
            assertThrows(NullPointerException.class, () -> new IoStatusBlock(null, 0));
            assertThrows(NullPointerException.class, () -> new Completion(null, CallResult.NONE, 0));
            assertThrows(NullPointerException.class, () -> new Completion(IoStatusBlock.of(NtStatus.SUCCESS), null, 0));
        }
    }
}
