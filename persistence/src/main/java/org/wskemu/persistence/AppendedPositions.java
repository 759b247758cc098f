package org.wskemu.persistence;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The positions the server handed out to the events this store's writer appended and saw committed
 * (the PostgreSQL insert returns them), so that the engine's lookup of a batch's positions
 * ({@link JdbcEventLog#positionsOf}) needs no query: a lookup by event identifier was one query per
 * batch, which PostgreSQL answered with a scan of the whole table (issue #22, the largest wait of a
 * PostgreSQL run). An entry enters after its transaction committed and leaves when it is looked up;
 * bounded, the oldest go first. A position not kept is read from the table, as before.
 */
final class AppendedPositions {

    /** Events kept at most: several batches of the largest size. */
    static final int CAPACITY = 100_000;

    private final Map<String, Long> positions = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Keeps {@code appended} (event identifier to position) once the current unit of work commits. */
    void afterCommit(Map<String, Long> appended) {
        if (appended.isEmpty() || !CurrentUnitOfWork.isStarted()) {
            return; // no unit of work to tell the commit: keep nothing
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root.phase().isAfter(UnitOfWork.Phase.PREPARE_COMMIT)) {
            return;
        }
        root.afterCommit(u -> {
            synchronized (positions) {
                positions.putAll(appended);
            }
        });
    }

    /** Takes out the kept positions of {@code eventIds}: each is handed out once. */
    Map<String, Long> take(Collection<String> eventIds) {
        Map<String, Long> found = new HashMap<>();
        synchronized (positions) {
            for (String id : eventIds) {
                Long position = positions.remove(id);
                if (position != null) {
                    found.put(id, position);
                }
            }
        }
        return found;
    }
}
