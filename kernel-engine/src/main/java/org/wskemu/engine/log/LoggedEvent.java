package org.wskemu.engine.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.wskemu.api.event.WskEvent;

/**
 * An event as recorded: its global position in the event store, its identifier and time, and the run
 * that recorded it when the event says so.
 *
 * @param position  the event store's global position (positive, increasing)
 * @param eventId   the event message's identifier
 * @param timestamp when it was recorded
 * @param event     the event
 * @param run       the session run whose batch recorded the event (its metadata's {@link #RUN_METADATA}),
 *                  or null: an event recorded outside a run's batch (a run's start, an embedding call)
 *                  or before runs were marked (DESIGN.md, "Runs with many writers")
 */
public record LoggedEvent(long position, String eventId, Instant timestamp, WskEvent event, Long run) {

    /** The metadata key under which a session run's batches mark every event they record. */
    public static final String RUN_METADATA = "wskemuRun";

    /**
     * Checks every part is there.
     *
     * @param position  the global position
     * @param eventId   the message identifier
     * @param timestamp when it was recorded
     * @param event     the event
     * @param run       the run that recorded it, or null
     */
    public LoggedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(event, "event");
    }

    /**
     * An event no run marked.
     *
     * @param position  the global position
     * @param eventId   the message identifier
     * @param timestamp when it was recorded
     * @param event     the event
     */
    public LoggedEvent(long position, String eventId, Instant timestamp, WskEvent event) {
        this(position, eventId, timestamp, event, null);
    }

    /**
     * Reads the run mark out of an event's metadata as the JSON serializer stored it, without parsing the
     * rest: {@code "wskemuRun":N}.
     *
     * @param metaData the stored metadata, or null
     * @return the run, or null when the metadata holds no mark
     */
    public static Long runIn(byte[] metaData) {
        if (metaData == null) {
            return null;
        }
        byte[] key = ("\"" + RUN_METADATA + "\":").getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + key.length < metaData.length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (metaData[i + k] != key[k]) {
                    continue outer;
                }
            }
            long run = 0;
            int digits = 0;
            for (int j = i + key.length; j < metaData.length && metaData[j] >= '0' && metaData[j] <= '9' && digits < 18; j++) {
                run = run * 10 + (metaData[j] - '0');
                digits++;
            }
            return digits == 0 ? null : run;
        }
        return null;
    }
}
