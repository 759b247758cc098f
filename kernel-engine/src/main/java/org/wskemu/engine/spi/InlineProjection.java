package org.wskemu.engine.spi;

import java.util.List;
import java.util.Map;
import org.wskemu.engine.log.LoggedEvent;

/**
 * Internal SPI: read models kept inside each batch's own transaction, so a committed batch always has
 * its read models and a rolled-back one has none. The engine calls {@link #begin()} when a batch
 * starts, {@link #project(List)} inside the batch's transaction once its events are appended (Axon's
 * prepare-commit), and {@link #end(boolean)} when the batch has committed or rolled back, always in
 * the batch's own thread. A failure to fold fails the batch.
 */
public interface InlineProjection {

    /** A batch starts in the calling thread: it may append events until its {@link #end(boolean)}. */
    void begin();

    /**
     * Folds the batch's events into the read models, in the batch's transaction.
     *
     * @param staged the batch's events in the order they were appended; their positions are not known
     *               yet (0) and are read by the store
     * @return the position of each event by its identifier
     */
    Map<String, Long> project(List<LoggedEvent> staged);

    /**
     * The batch begun in this thread has ended.
     *
     * @param committed whether its transaction committed (false: rolled back or failed)
     */
    void end(boolean committed);
}
