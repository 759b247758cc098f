package org.wskemu.engine.log;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.wskemu.api.event.WskEvent;

/** Read access to the recorded events, in position order. */
public interface EventLog {

    /**
     * The events after {@code position} (exclusive), in position order, up to the head at the time
     * of the call. The caller closes the stream.
     *
     * @param position the position to read after; 0 for the whole log
     * @return the events
     */
    Stream<LoggedEvent> readAfter(long position);

    /**
     * {@return the events in {@code (after, upTo]}}
     *
     * @param after the position to read after
     * @param upTo  the last position to read
     */
    default Stream<LoggedEvent> read(long after, long upTo) {
        return readAfter(after).takeWhile(e -> e.position() <= upTo);
    }

    /**
     * The events in {@code (after, upTo]} whose type is one of {@code types}; a store may select them
     * without reading the others.
     *
     * @param after the position to read after
     * @param upTo  the last position to read
     * @param types the event types wanted
     * @return those events, in position order
     */
    default Stream<LoggedEvent> readOfTypes(long after, long upTo, Set<Class<? extends WskEvent>> types) {
        return read(after, upTo).filter(e -> types.contains(e.event().getClass()));
    }

    /**
     * {@return the positions of committed events with these identifiers (absent ones are left out)}
     *
     * @param eventIds event message identifiers
     */
    Map<String, Long> positionsOf(Collection<String> eventIds);

    /** {@return the highest position recorded, or 0 for an empty log} */
    long head();
}
