package org.wskemu.engine.spi;

import java.util.List;
import java.util.Map;
import org.wskemu.engine.log.LoggedEvent;

/**
 * Internal SPI: read models kept inside each batch's own transaction (issue #15), so a committed
 * batch always has its read models and nothing is left to fold after a run. The engine calls
 * {@link #begin()} when a batch starts, {@link #project(List)} inside the batch's transaction once
 * its events are appended (Axon's prepare-commit), and {@link #end(boolean)} when the batch has
 * committed or rolled back, always in the batch's own thread. A store that cannot fold a batch safely
 * (another folder is at work, or the batch does not follow what was folded) declines it; the
 * store's catch-up or processor folds it later.
 */
public interface InlineProjection {

    /** A batch starts in the calling thread: it may append events until its {@link #end(boolean)}. */
    void begin();

    /**
     * Folds the batch's events into the read models, in the batch's transaction, or declines.
     *
     * @param staged the batch's events in the order they were appended; their positions are not known
     *               yet (0) and are read by the store
     * @return the position of each event by its identifier when the batch was folded; null when declined
     */
    Map<String, Long> project(List<LoggedEvent> staged);

    /**
     * The batch begun in this thread has ended.
     *
     * @param committed whether its transaction committed (false: rolled back or failed)
     */
    void end(boolean committed);
}
