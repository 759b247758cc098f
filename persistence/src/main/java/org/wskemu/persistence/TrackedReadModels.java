package org.wskemu.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.serialization.SerializationException;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.readmodel.LiveReadModels;
import org.wskemu.engine.readmodel.ReadModelView;

/**
 * The read models kept in tables by a tracking event processor. {@link #current()} waits until the
 * processor has folded every event committed before the call, so a query reads its own writes.
 *
 * <p>On a shared store (PostgreSQL) the processor of another process may hold the claim and do the
 * folding; the wait then reads the processor's token as committed with the rows: the folding has
 * covered the head once the token's index reaches it and none of the token's gaps at or below it
 * is a committed event (a gap that is still open, or was rolled back, is no event committed before
 * the call).
 */
final class TrackedReadModels implements LiveReadModels {

    private static final long CATCH_UP_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);
    /**
     * How long the processor may report the same position, short of the head, before the wait gives
     * up: a batch of {@link H2Storage#PROJECTION_BATCH} events takes well under a second.
     */
    static final Duration STALL = Duration.ofSeconds(20);
    /**
     * How long a processor that has stored no token yet may take to store its first: on a loaded machine
     * (CI) starting it, claiming its segment and reading its first batch took over 20 s, so the stall
     * above, meant for a processor that stopped moving, does not apply before it has moved once.
     */
    static final Duration FIRST_TOKEN = Duration.ofMinutes(3);
    /** A jump in the log's positions that no rolled-back append leaves: the processor does not cross it. */
    static final long DAMAGED_JUMP = 100_000;

    private final ReadModelTables tables;
    private final TransactionManager transactions;
    private final AtomicReference<Exception> lastFailure;
    private final long stallNanos;
    private final Supplier<TrackingEventProcessor> processor;
    private final EventLog log;
    /** Whether other processes may share the store (and hold the processor's claim). */
    private final boolean shared;
    /** The fold straight from the event table, for a rebuild and a large backlog; null to use the processor alone. */
    private final LogFold fold;

    /**
     * The read models' fold inside each batch's transaction, or null: its gate is taken before the
     * processor starts, a backlog is folded or the tables are rebuilt, so none of these runs while a
     * batch's fold is in flight, and no batch folds while they run.
     */
    private final InlineFold inline;

    /** A backlog at least this long is folded straight from the event table before the processor starts. */
    static final long FOLD_BACKLOG = 1_000;

    /**
     * @param lastFailure where the processor's error handler keeps its last failure
     * @param stall       how long the processor may stay short of the head without progress
     */
    TrackedReadModels(ReadModelTables tables, TransactionManager transactions, AtomicReference<Exception> lastFailure,
                      Duration stall, Supplier<TrackingEventProcessor> processor, EventLog log, boolean shared,
                      LogFold fold, InlineFold inline) {
        this.fold = fold;
        this.inline = inline;
        this.stallNanos = stall.toNanos();
        this.tables = tables;
        this.transactions = transactions;
        this.lastFailure = lastFailure;
        this.processor = processor;
        this.log = log;
        this.shared = shared;
    }

    TrackedReadModels(ReadModelTables tables, TransactionManager transactions, AtomicReference<Exception> lastFailure,
                      Duration stall, Supplier<TrackingEventProcessor> processor, EventLog log) {
        this(tables, transactions, lastFailure, stall, processor, log, false, null, null);
    }

    @Override
    public synchronized ReadModelView current() {
        TrackingEventProcessor tracker = processor.get();
        long head = log.head();
        if (!tracker.isRunning()) {
            lockGate();
            try {
                if (foldBacklog() && inline != null) {
                    inline.changedElsewhere();
                }
                if (caughtUpAlready(head)) {
                    return tables; // a query on a folded store starts no processor (issue #15: start-up)
                }
                if (inline != null) {
                    inline.processorStarted(true); // from now on the processor folds every batch
                }
                tracker.start();
            } finally {
                unlockGate();
            }
        }
        awaitCaughtUp(head);
        return tables;
    }

    /**
     * Whether the tables already hold every event up to {@code head}, so the processor need not run for
     * this query: on a store no other process shares, with the processor's stored token at or past the
     * head, no gap in it at or below the head (a gap may be an event committed late), and the folded
     * position at the head. The processor starts on a later query that finds new events.
     */
    private boolean caughtUpAlready(long head) {
        if (shared || fold == null) {
            return false;
        }
        if (head == 0) {
            return tables.position() == 0;
        }
        List<String> types = tables.query("SELECT tokenType FROM TokenEntry WHERE processorName = ? AND segment = 0",
                rs -> String.valueOf(rs.getString(1)), ReadModelProjection.PROCESSOR);
        if (types.isEmpty() || !types.get(0).equals(GapAwareTrackingToken.class.getName())) {
            return false;
        }
        StoredToken token = storedToken();
        return token.covers(head) && token.gaps().stream().noneMatch(g -> g <= head) && tables.position() >= head;
    }

    /**
     * Before the processor starts in this process: a long backlog (after a large run) is folded
     * straight from the event table, from the processor's stored token, which the fold then advances.
     * Only on a store no other process shares (on PostgreSQL another process's processor may hold the
     * claim and fold at the same time), and only from a plain gap-aware token (not mid-replay).
     */
    private boolean foldBacklog() {
        if (fold == null || shared) {
            return false;
        }
        long head = log.head();
        List<String> types = tables.query("SELECT tokenType FROM TokenEntry WHERE processorName = ? AND segment = 0",
                rs -> String.valueOf(rs.getString(1)), ReadModelProjection.PROCESSOR);
        boolean none = types.isEmpty() || types.get(0).equals("null");
        if (!none && !types.get(0).equals(GapAwareTrackingToken.class.getName())) {
            return false;
        }
        StoredToken token = none ? new StoredToken(-1, List.of()) : storedToken();
        if (none && tables.position() > 0) {
            return false; // rows without a token: not a state this fold starts from
        }
        long after = Math.max(0, token.index());
        // counted, not subtracted: a damaged position far ahead is no backlog (the processor reports it)
        if (head - after >= FOLD_BACKLOG && tables.query("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex > ?",
                rs -> rs.getLong(1), after).stream().findFirst().orElse(0L) >= FOLD_BACKLOG) {
            fold.catchUp(after, token.gaps());
            return true;
        }
        return false;
    }

    /** Takes the inline fold's gate (waiting for a batch's fold in flight to commit or roll back). */
    private void lockGate() {
        if (inline != null) {
            inline.gate().lock();
        }
    }

    private void unlockGate() {
        if (inline != null) {
            inline.gate().unlock();
        }
    }

    /**
     * Stops the processor, then folds the whole log straight from the event table ({@link LogFold}), which
     * leaves the processor's token at the log's head; the processor starts again on the next query.
     * Without that fold: in one transaction empties every read-model table and sets the token to none
     * (Axon's "from the beginning"); started again, the processor replays the whole log into empty tables.
     */
    @Override
    public synchronized ReadModelView rebuild() {
        lockGate();
        try {
            return rebuildUnderGate();
        } finally {
            unlockGate();
        }
    }

    private ReadModelView rebuildUnderGate() {
        TrackingEventProcessor tracker = processor.get();
        if (tracker.isRunning()) {
            awaitWorking(tracker);
            tracker.shutDown();
            awaitStopped(tracker);
        }
        lastFailure.set(null);
        if (fold != null) {
            fold.rebuild();
            if (inline != null) {
                inline.processorStarted(false); // stopped, and the token at the head: batches fold again
            }
            return tables;
        }
        transactions.executeInTransaction(() -> {
            tables.clear();
            // What resetTokens does, without its claim check: the processor has stopped, but Axon's
            // token store still sees this JVM's claim on the segment and refuses to touch it.
            tables.update("UPDATE TokenEntry SET token = NULL, tokenType = NULL, owner = NULL WHERE processorName = ?",
                    ReadModelProjection.PROCESSOR);
        });
        lastFailure.set(null);
        if (inline != null) {
            inline.processorStarted(true);
        }
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

    /** The damage of the store that the processor's failure reports, if it reports one. */
    private Optional<StoreException> damageIn(Exception failure, long reported) {
        Optional<StoreException> damage = StoreException.damageIn(failure, tables.location());
        if (damage.isPresent()) {
            return damage;
        }
        List<Throwable> causes = StoreException.causes(failure);
        if (causes.stream().anyMatch(SerializationException.class::isInstance)) { // Axon could not read a stored event
            return Optional.of(StoreFailure.damaged(tables.location(), "an event after position " + reported + " cannot be read: "
                    + H2Store.reason(causes.get(causes.size() - 1)), failure));
        }
        return Optional.empty();
    }

    /**
     * The processor stopped short of the head without failing. Seen on a damaged store whose log
     * jumps far ahead (a position with a flipped bit): Axon reads positions in windows and never
     * reaches it.
     */
    private StoreException stalled(long reported, long head) {
        long next = tables.query("SELECT MIN(globalIndex) FROM DomainEventEntry WHERE globalIndex > ?",
                rs -> rs.getLong(1), reported).stream().findFirst().orElse(0L);
        if (next - reported > DAMAGED_JUMP) {
            return StoreFailure.damaged(tables.location(), "the event "
                    + "log jumps from position " + reported + " to " + next, null);
        }
        Exception failure = lastFailure.get();
        return StoreFailure.unreadable(tables.location(), "its read "
                + "models stopped at position " + reported + " of " + head
                + (failure == null ? "" : " (" + H2Store.reason(StoreException.causes(failure).get(StoreException.causes(failure).size() - 1)) + ")")
                + " (try 'wskemu rebuild')", failure);
    }

    /**
     * Waits on the processor's own report of its position (no query per wait), then confirms with one
     * read of the position committed with the rows.
     */
    private void awaitCaughtUp(long head) {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT_NANOS;
        long sleepMicros = 50;
        long lastReported = -1;
        Object lastProgress = null;
        long movedAt = System.nanoTime();
        while (true) {
            TrackingEventProcessor tracker = processor.get();
            long reported;
            Object progress;
            if (shared) {
                StoredToken token = storedToken();
                if (token.covers(head) && unfoldedGaps(token, head) == 0) {
                    return;
                }
                reported = token.index();
                progress = token;
            } else {
                reported = tracker.processingStatus().values().stream()
                        .mapToLong(status -> status.getCurrentPosition().orElse(0)).min().orElse(0);
                if (reported >= head && tables.position() >= head) {
                    return;
                }
                progress = reported;
            }
            if (!progress.equals(lastProgress)) {
                lastProgress = progress;
                lastReported = reported;
                movedAt = System.nanoTime();
            } else if (System.nanoTime() - movedAt > (lastReported < 0 ? Math.max(stallNanos, FIRST_TOKEN.toNanos()) : stallNanos)) {
                throw stalled(lastReported, head);
            }
            Exception failure = lastFailure.get();
            Optional<StoreException> damage = failure == null ? Optional.empty() : damageIn(failure, reported);
            if (damage.isPresent()) {
                throw damage.get(); // not transient: retrying the event fails the same way
            }
            if (tracker.isError()) {
                throw new IllegalStateException("the read models cannot be brought up to date (the processor failed"
                        + " after position " + tables.position() + (failure == null ? "" : ": " + H2Store.reason(failure))
                        + "); try 'wskemu rebuild'", failure);
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

    // ---- a shared store: the processor's token as committed ------------------------------------------

    /** Built on first use (a holder): opening a store must not build an object mapper a query may never need. */
    private static final class Tokens {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /**
     * The read-model processor's gap-aware token as its owner (whichever process) last committed it
     * with the rows: the highest position folded and the positions below it not yet seen.
     *
     * @param index -1 before the first batch
     */
    record StoredToken(long index, List<Long> gaps) {
        boolean covers(long head) {
            return index >= head || head == 0;
        }
    }

    private StoredToken storedToken() {
        List<byte[]> rows = tables.query("SELECT token FROM TokenEntry WHERE processorName = ? AND segment = 0",
                rs -> rs.getBytes(1), ReadModelProjection.PROCESSOR);
        if (rows.isEmpty() || rows.get(0) == null) {
            return new StoredToken(-1, List.of());
        }
        try {
            JsonNode token = Tokens.MAPPER.readTree(rows.get(0));
            // a replay token (Axon's reset) carries the token it has reached as currentToken
            while (token != null && token.has("currentToken")) {
                token = token.get("currentToken");
            }
            if (token == null || !token.has("index")) {
                return new StoredToken(-1, List.of());
            }
            List<Long> gaps = new ArrayList<>();
            token.path("gaps").forEach(gap -> gaps.add(gap.asLong()));
            return new StoredToken(token.get("index").asLong(), List.copyOf(gaps));
        } catch (IOException e) {
            throw StoreFailure.damaged(tables.location(), "the read-model processor's token cannot be read: " + H2Store.reason(e), e);
        }
    }

    /** How many of the token's gaps at or below {@code head} are committed events (not yet folded). */
    private long unfoldedGaps(StoredToken token, long head) {
        long[] gaps = token.gaps().stream().mapToLong(Long::longValue).filter(g -> g <= head).toArray();
        if (gaps.length == 0) {
            return 0;
        }
        String array = Arrays.toString(gaps).replace('[', '{').replace(']', '}').replace(" ", "");
        return tables.query("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex = ANY (CAST(? AS BIGINT[]))",
                rs -> rs.getLong(1), array).stream().findFirst().orElse(0L);
    }
}
