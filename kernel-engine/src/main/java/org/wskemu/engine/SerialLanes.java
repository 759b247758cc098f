package org.wskemu.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs tasks on a shared pool, keeping the tasks of one key in submission order: the calls on one
 * socket take effect in the order they were made, whichever threads make them (SPEC.md 5).
 */
final class SerialLanes {

    private final Executor pool;
    private final Map<Object, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    SerialLanes(Executor pool) {
        this.pool = pool;
    }

    /** Runs {@code task} after every task submitted before it under {@code key}. */
    <T> CompletableFuture<T> submit(Object key, Supplier<T> task) {
        @SuppressWarnings("unchecked")
        CompletableFuture<T>[] holder = new CompletableFuture[1];
        tails.compute(key, (k, tail) -> {
            CompletableFuture<?> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            // a failed predecessor must not stop the lane: run after it whatever its outcome
            holder[0] = previous.handle((result, failure) -> null).thenApplyAsync(ignored -> task.get(), pool);
            return holder[0];
        });
        CompletableFuture<T> mine = holder[0];
        mine.whenComplete((result, failure) -> tails.remove(key, mine));
        return mine;
    }

    /**
     * Waits until every task submitted so far has run (each lane's last task ends after all before it).
     *
     * @return false if {@code timeout} passed first
     */
    boolean awaitSubmitted(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (CompletableFuture<?> tail : List.copyOf(tails.values())) {
            try {
                tail.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException failed) {
                // the task ran and failed: its caller sees that through its own future
            } catch (TimeoutException late) {
                return false;
            }
        }
        return true;
    }
}
