package org.wskemu.engine.readmodel;

import java.util.stream.Stream;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;

/**
 * Live read models held in memory and brought up to date on each query by folding the events
 * appended since the previous one.
 */
public final class FoldingReadModels implements LiveReadModels {

    private final EventLog log;
    private InMemoryReadModels models = new InMemoryReadModels();

    /**
     * Read models folded from {@code log}, starting empty.
     *
     * @param log the recorded events
     */
    public FoldingReadModels(EventLog log) {
        this.log = log;
    }

    @Override
    public synchronized ReadModelView current() {
        try (Stream<LoggedEvent> events = log.readAfter(models.position())) {
            events.forEach(models::fold);
        }
        return models.copy();
    }

    @Override
    public synchronized ReadModelView rebuild() {
        models = new InMemoryReadModels();
        return current();
    }
}
