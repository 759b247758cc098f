package org.wskemu.api.irp;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An emulated I/O request packet.
 *
 * <p>A driver allocates one, optionally sets a completion routine, and passes it to a WSK call.
 * The engine {@linkplain #submit() takes} it, and later {@linkplain #complete completes} it
 * exactly once with its IoStatus; a second completion is an engine bug and throws. Once
 * completed, the IRP may be passed to another call: that re-arms it as IoReuseIrp would
 * (WDK "Using IRPs with Winsock Kernel Functions"). An IRP still pending may not be submitted
 * again; the call that tries is refused and the pending request is left alone ([emulator choice],
 * SPEC.md 5).
 *
 * <p>Thread-safe: completion may happen on any engine thread.
 */
public final class Irp {

    private enum State { IDLE, PENDING, COMPLETED }

    private State state = State.IDLE;
    private CompletionRoutine routine;
    private Completion completion;
    private CompletableFuture<Completion> future = new CompletableFuture<>();

    /** Allocates an IRP with no completion routine (IoAllocateIrp). */
    public Irp() {
    }

    /**
     * Allocates an IRP whose completion routine is {@code routine} (IoAllocateIrp + IoSetCompletionRoutine).
     *
     * @param routine called once when the IRP completes
     * @return the IRP
     */
    public static Irp withCompletionRoutine(CompletionRoutine routine) {
        Irp irp = new Irp();
        irp.setCompletionRoutine(routine);
        return irp;
    }

    /**
     * Sets the routine called when the IRP completes (IoSetCompletionRoutine).
     *
     * @param routine the routine, or null for none
     * @throws IllegalStateException if the IRP is pending
     */
    public synchronized void setCompletionRoutine(CompletionRoutine routine) {
        if (state == State.PENDING) {
            throw new IllegalStateException("cannot set the completion routine of a pending IRP");
        }
        this.routine = routine;
    }

    /**
     * Re-initialises a completed IRP for another call (IoReuseIrp); the completion routine is kept.
     *
     * @throws IllegalStateException if the IRP is pending
     */
    public synchronized void reuse() {
        if (state == State.PENDING) {
            throw new IllegalStateException("cannot reuse a pending IRP");
        }
        state = State.IDLE;
        completion = null;
        future = new CompletableFuture<>();
    }

    /**
     * Engine side: takes the IRP for a new call. A completed IRP is re-armed first.
     *
     * @return false, leaving the IRP untouched, if it is still pending for an earlier call
     */
    public synchronized boolean submit() {
        if (state == State.PENDING) {
            return false;
        }
        if (state == State.COMPLETED) {
            reuse();
        }
        state = State.PENDING;
        return true;
    }

    /**
     * Engine side: completes the IRP, then calls its completion routine once.
     *
     * @param result the completion
     * @throws NullPointerException  if {@code result} is null; the IRP stays pending
     * @throws IllegalStateException if the IRP was not submitted or is already completed
     */
    public void complete(Completion result) {
        Objects.requireNonNull(result, "result");
        CompletableFuture<Completion> done;
        CompletionRoutine toCall;
        synchronized (this) {
            if (state != State.PENDING) {
                throw new IllegalStateException("IRP completed twice or without being submitted (state " + state + ")");
            }
            state = State.COMPLETED;
            completion = result;
            done = future;
            toCall = routine;
        }
        try {
            if (toCall != null) {
                toCall.completed(this);
            }
        } finally {
            // The IRP is completed even if its routine throws: waiters must not hang.
            done.complete(result);
        }
    }

    /** {@return whether the IRP was submitted and has not completed yet} */
    public synchronized boolean isPending() {
        return state == State.PENDING;
    }

    /** {@return the IoStatus once completed, else empty} */
    public synchronized Optional<IoStatusBlock> ioStatus() {
        return completion == null ? Optional.empty() : Optional.of(completion.ioStatus());
    }

    /** {@return the whole completion once completed, else empty} */
    public synchronized Optional<Completion> completion() {
        return Optional.ofNullable(completion);
    }

    /** {@return a stage that completes when this IRP's current request completes} */
    public synchronized CompletionStage<Completion> completionStage() {
        return future.minimalCompletionStage();
    }
}
