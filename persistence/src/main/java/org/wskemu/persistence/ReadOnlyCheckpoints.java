package org.wskemu.persistence;

import java.util.Optional;
import org.wskemu.engine.timeline.Checkpoint;
import org.wskemu.engine.timeline.CheckpointStore;
import org.wskemu.engine.timeline.InMemoryCheckpoints;

/**
 * The store's checkpoints as a timeline reads them, without writing: the table's, and those this
 * process's seeks made, kept in memory. Only a rebuild and the end of a run on H2 write the table
 * ({@link LogFold}), where no event can still commit below the checkpoint; a query writes nothing.
 */
final class ReadOnlyCheckpoints implements CheckpointStore {

    private final CheckpointStore stored;
    private final InMemoryCheckpoints made = new InMemoryCheckpoints();

    ReadOnlyCheckpoints(CheckpointStore stored) {
        this.stored = stored;
    }

    @Override
    public Optional<Checkpoint> atOrBefore(long position) {
        Optional<Checkpoint> table = stored.atOrBefore(position);
        Optional<Checkpoint> memory = made.atOrBefore(position);
        if (table.isEmpty()) {
            return memory;
        }
        return memory.isPresent() && memory.get().position() > table.get().position() ? memory : table;
    }

    @Override
    public void save(Checkpoint checkpoint) {
        made.save(checkpoint);
    }

    @Override
    public long latest() {
        return Math.max(stored.latest(), made.latest());
    }

    @Override
    public void clear() {
        made.clear();
    }
}
