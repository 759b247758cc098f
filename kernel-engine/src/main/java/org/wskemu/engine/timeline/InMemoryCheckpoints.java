package org.wskemu.engine.timeline;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Checkpoints held in memory. */
public final class InMemoryCheckpoints implements CheckpointStore {

    private final ConcurrentSkipListMap<Long, Checkpoint> checkpoints = new ConcurrentSkipListMap<>();

    @Override
    public Optional<Checkpoint> atOrBefore(long position) {
        Map.Entry<Long, Checkpoint> entry = checkpoints.floorEntry(position);
        return entry == null ? Optional.empty() : Optional.of(entry.getValue());
    }

    @Override
    public void save(Checkpoint checkpoint) {
        checkpoints.put(checkpoint.position(), checkpoint);
    }

    @Override
    public long latest() {
        return checkpoints.isEmpty() ? 0 : checkpoints.lastKey();
    }

    @Override
    public void clear() {
        checkpoints.clear();
    }
}
