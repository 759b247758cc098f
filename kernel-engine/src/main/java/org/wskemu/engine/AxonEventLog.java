package org.wskemu.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.wskemu.api.event.WskEvent;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;

/**
 * An {@link EventLog} over any Axon {@link EventStorageEngine}: positions are the tracking tokens'
 * global indexes. Position look-ups scan forward from the last position scanned, so a caller that
 * asks for the events it just appended pays only for the events since its previous call.
 */
final class AxonEventLog implements EventLog {

    private final EventStorageEngine engine;
    private final LongFunction<TrackingToken> tokenAfter;
    private long scanned;
    private final Map<String, Long> recent = new HashMap<>();

    /**
     * @param engine     the storage engine
     * @param tokenAfter the token that reads the events after a position (null for "from the start")
     */
    AxonEventLog(EventStorageEngine engine, LongFunction<TrackingToken> tokenAfter) {
        this.engine = engine;
        this.tokenAfter = tokenAfter;
    }

    @Override
    public Stream<LoggedEvent> readAfter(long position) {
        return engine.readEvents(position <= 0 ? null : tokenAfter.apply(position), false)
                .filter(m -> m.getPayload() instanceof WskEvent)
                .map(AxonEventLog::logged);
    }

    @Override
    public synchronized Map<String, Long> positionsOf(Collection<String> eventIds) {
        Set<String> wanted = new HashSet<>(eventIds);
        Map<String, Long> found = new HashMap<>();
        wanted.removeIf(id -> {
            Long known = recent.remove(id);
            if (known != null) {
                found.put(id, known);
            }
            return known != null;
        });
        if (!wanted.isEmpty()) {
            try (Stream<? extends TrackedEventMessage<?>> stream =
                         engine.readEvents(scanned <= 0 ? null : tokenAfter.apply(scanned), false)) {
                stream.forEach(m -> {
                    long position = m.trackingToken().position().orElseThrow();
                    scanned = Math.max(scanned, position);
                    if (wanted.remove(m.getIdentifier())) {
                        found.put(m.getIdentifier(), position);
                    } else if (recent.size() < 100_000) {
                        // another caller's event, read before it asked: keep it for its look-up
                        recent.put(m.getIdentifier(), position);
                    }
                });
            }
        }
        return found;
    }

    @Override
    public long head() {
        try (Stream<LoggedEvent> events = readAfter(scanned)) {
            return events.mapToLong(LoggedEvent::position).max().orElse(scanned);
        }
    }

    private static LoggedEvent logged(TrackedEventMessage<?> message) {
        Object run = message.getMetaData().get(LoggedEvent.RUN_METADATA);
        return new LoggedEvent(message.trackingToken().position().orElseThrow(), message.getIdentifier(),
                message.getTimestamp(), (WskEvent) message.getPayload(), run instanceof Number n ? n.longValue() : null);
    }
}
