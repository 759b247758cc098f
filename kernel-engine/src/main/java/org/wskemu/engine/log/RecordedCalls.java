package org.wskemu.engine.log;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.wskemu.api.event.CallsRecorded;

/**
 * The file lines and expectations the log recorded with its calls ({@link CallsRecorded}), by the
 * position of each call's last event. A position with no entry (a store written before issue #13,
 * an embedding call) has no recorded line and no expectation.
 */
public final class RecordedCalls {

    /** One call's entry and the run it belongs to. */
    public record Entry(long run, CallsRecorded.Call call) {
    }

    private final Map<Long, Entry> byPosition;

    private RecordedCalls(Map<Long, Entry> byPosition) {
        this.byPosition = Collections.unmodifiableMap(byPosition);
    }

    /**
     * Reads every {@link CallsRecorded} of the log.
     *
     * @param log the recorded events
     * @return the entries, by the position of each call's last event
     */
    public static RecordedCalls of(EventLog log) {
        Map<Long, Entry> entries = new HashMap<>();
        try (Stream<LoggedEvent> events = log.readOfTypes(0, Long.MAX_VALUE, Set.of(CallsRecorded.class))) {
            events.forEach(e -> {
                CallsRecorded recorded = (CallsRecorded) e.event();
                for (CallsRecorded.Call call : recorded.calls()) {
                    entries.put(call.position(), new Entry(recorded.run(), call));
                }
            });
        }
        return new RecordedCalls(entries);
    }

    /**
     * The entry of the call whose last event is at {@code position}.
     *
     * @param position a log position
     * @return the entry, or empty when no call ends there or its entry was never recorded
     */
    public Optional<Entry> at(long position) {
        return Optional.ofNullable(byPosition.get(position));
    }

    /**
     * Whether the call at {@code position} diverged from its recorded expectation.
     *
     * @param position the position of a call's last event
     * @return true only when the call's entry says it diverged
     */
    public boolean divergedAt(long position) {
        Entry entry = byPosition.get(position);
        return entry != null && entry.call().diverges();
    }

    /** {@return every entry, by position (an unmodifiable view)} */
    public Map<Long, Entry> all() {
        return byPosition;
    }
}
