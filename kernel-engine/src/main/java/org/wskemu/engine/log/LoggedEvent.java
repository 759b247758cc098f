package org.wskemu.engine.log;

import java.time.Instant;
import java.util.Objects;
import org.wskemu.api.event.WskEvent;

/**
 * An event as recorded: its global position in the event store, its identifier and time.
 *
 * @param position  the event store's global position (positive, increasing)
 * @param eventId   the event message's identifier
 * @param timestamp when it was recorded
 * @param event     the event
 */
public record LoggedEvent(long position, String eventId, Instant timestamp, WskEvent event) {

    /**
     * Checks every part is there.
     *
     * @param position  the global position
     * @param eventId   the message identifier
     * @param timestamp when it was recorded
     * @param event     the event
     */
    public LoggedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(event, "event");
    }
}
