package org.wskemu.engine.timeline;

import java.util.Optional;

/** Where the timeline keeps its checkpoints: in memory, or in the durable store's table. */
public interface CheckpointStore {

    /**
     * {@return the checkpoint with the highest position at or before {@code position}, if any}
     *
     * @param position the position sought
     */
    Optional<Checkpoint> atOrBefore(long position);

    /**
     * Keeps a checkpoint.
     *
     * @param checkpoint the checkpoint
     */
    void save(Checkpoint checkpoint);

    /** {@return the highest checkpoint position, or 0 when there is none} */
    long latest();

    /** Forgets every checkpoint (after a rebuild). */
    void clear();
}
