package org.wskemu.persistence;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.readmodel.ReadModelView;

/**
 * The read models kept in H2 by a tracking event processor. {@link #current()} waits until the
 * processor has folded every event committed before the call, so a query reads its own writes.
 */
final class TrackedReadModels implements LiveReadModels {

    private static final long CATCH_UP_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final ReadModelTables tables;
    private final TransactionManager transactions;
    private final Supplier<TrackingEventProcessor> processor;
    private final EventLog log;

    TrackedReadModels(ReadModelTables tables, TransactionManager transactions,
                      Supplier<TrackingEventProcessor> processor, EventLog log) {
        this.tables = tables;
        this.transactions = transactions;
        this.processor = processor;
        this.log = log;
    }

    @Override
    public synchronized ReadModelView current() {
        TrackingEventProcessor tracker = processor.get();
        if (!tracker.isRunning()) {
            tracker.start();
        }
        awaitCaughtUp(log.head());
        return tables;
    }

    /**
     * Stops the processor, and in one transaction empties every read-model table and sets its token to
     * none (Axon's "from the beginning"); started again, it replays the whole log into empty tables.
     */
    @Override
    public synchronized ReadModelView rebuild() {
        TrackingEventProcessor tracker = processor.get();
        if (tracker.isRunning()) {
            awaitWorking(tracker);
            tracker.shutDown();
            awaitStopped(tracker);
        }
        transactions.executeInTransaction(() -> {
            tables.clear();
            // What resetTokens does, without its claim check: the processor has stopped, but Axon's
            // token store still sees this JVM's claim on the segment and refuses to touch it.
            tables.update("UPDATE TokenEntry SET token = NULL, tokenType = NULL, owner = NULL WHERE processorName = ?",
                    ReadModelProjection.PROCESSOR);
        });
        tracker.start();
        return current();
    }

    /**
     * Axon 4.13's single-threaded tracking processor loses its only thread when it is shut down after its
     * launcher claimed the segment but before the worker started (the launcher frees the segment without
     * giving the thread back); started again, it never claims the segment, and the rebuild would wait
     * forever. So it is shut down only once its worker has reported on a batch (caught up, or in error).
     */
    private static void awaitWorking(TrackingEventProcessor tracker) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (tracker.processingStatus().values().stream().noneMatch(s -> s.isCaughtUp() || s.isErrorState())
                && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the read-model processor started", e);
            }
        }
    }

    /** shutDown() may return before the worker's last token write; reset only once no worker is left. */
    private static void awaitStopped(TrackingEventProcessor tracker) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (tracker.isRunning() || tracker.activeProcessorThreads() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the read-model processor did not stop");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the read-model processor stopped", e);
            }
        }
    }

    /**
     * Waits on the processor's own report of its position (no query per wait), then confirms with one
     * read of the position committed with the rows.
     */
    private void awaitCaughtUp(long head) {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT_NANOS;
        long sleepMicros = 50;
        while (true) {
            TrackingEventProcessor tracker = processor.get();
            long reported = tracker.processingStatus().values().stream()
                    .mapToLong(status -> status.getCurrentPosition().orElse(0)).min().orElse(0);
            if (reported >= head && tables.position() >= head) {
                return;
            }
            if (tracker.isError()) {
                throw new IllegalStateException("the read models cannot be brought up to date (the processor failed"
                        + " after position " + tables.position() + "); try 'wskemu rebuild'");
            }
            if (!tracker.isRunning()) {
                throw new IllegalStateException("the read-model processor is not running");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the read models did not catch up with position " + head);
            }
            try {
                TimeUnit.MICROSECONDS.sleep(sleepMicros);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the read models caught up", e);
            }
            sleepMicros = Math.min(sleepMicros * 2, 10_000);
        }
    }
}
