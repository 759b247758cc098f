package org.wskemu.recording;

import java.util.Map;
import java.util.Optional;

/**
 * One {@code <Event>} of a tracerpt XML capture: where it starts in the file, its
 * {@code System} header and its {@code EventData} fields by name.
 *
 * @param line     line of the {@code <Event>} start tag (1-based)
 * @param provider {@code System/Provider/@Name}
 * @param id       {@code System/EventID}
 * @param pid      {@code System/Execution/@ProcessID}, if present
 * @param tid      {@code System/Execution/@ThreadID}, if present
 * @param time     {@code System/TimeCreated/@SystemTime}, if present
 * @param user     {@code System/Security/@UserID}, if present (events captured with the SID extension)
 * @param data     {@code EventData/Data} text by {@code @Name}; immutable
 */
record EtwEvent(int line, String provider, int id, Optional<Integer> pid, Optional<Integer> tid, Optional<String> time,
                Optional<String> user, Map<String, String> data) {

    EtwEvent {
        data = Map.copyOf(data);
    }

    /** How a comment names this event: {@code line 12: Microsoft-Windows-Winsock-AFD 1030 at T, pid P}. */
    String describe() {
        return "event at line " + line + ": " + Text.safe(provider) + " " + id
                + time.map(t -> " at " + Text.safe(t)).orElse("")
                + pid.map(p -> ", pid " + p).orElse("") + tid.map(t -> ", tid " + t).orElse("");
    }
}
