package org.wskemu.engine;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.irp.Irp;

/** An IRP whose completion routine counts its calls and notes the threads that made them. */
final class TrackedIrp {

    /** How long a test waits for an engine to complete an IRP before it fails (never an assertion on speed). */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    final Irp irp;
    private final AtomicInteger completions = new AtomicInteger();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    TrackedIrp() {
        irp = Irp.withCompletionRoutine(completed -> {
            threads.add(Thread.currentThread().getName());
            completions.incrementAndGet();
        });
    }

    /** How often the completion routine ran. */
    int completions() {
        return completions.get();
    }

    /** The threads the completion routine ran on. */
    List<String> threads() {
        return List.copyOf(threads);
    }

    /** Waits until the routine has run, then answers the completion. */
    Completion awaitCompletion() {
        awaiting().until(() -> completions.get() > 0);
        return irp.completion().orElseThrow();
    }

    /**
     * Awaitility polling briskly in the caller's thread: a test makes thousands of calls, and the
     * default first poll after 100 ms would make it wait for nothing.
     */
    static ConditionFactory awaiting() {
        return await().atMost(PATIENCE).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1));
    }
}
