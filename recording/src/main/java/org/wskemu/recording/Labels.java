package org.wskemu.recording;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Session labels for recorded socket handles. A handle is only unique within a process and while
 * open (Windows and Wine reuse a closed socket's handle), so a label is {@code PROCESS:HANDLE} as the
 * recording writes them, and a handle opened again gets {@code #2}, {@code #3}, ...: every label is
 * used by one socket only [emulator choice: readable and never ambiguous in the output].
 */
final class Labels {

    private final Map<String, String> live = new HashMap<>();
    private final Map<String, Integer> opened = new HashMap<>();

    /** A new label for a socket just created under {@code key}; it replaces any live one. */
    String open(String key) {
        int count = opened.merge(key, 1, Integer::sum);
        String label = count == 1 ? key : key + "#" + count;
        live.put(key, label);
        return label;
    }

    /** The label of the socket open under {@code key}, if one is. */
    Optional<String> live(String key) {
        return Optional.ofNullable(live.get(key));
    }

    /** The label the socket under {@code key} last had, open or closed, if it ever had one. */
    Optional<String> last(String key) {
        Integer count = opened.get(key);
        return count == null ? Optional.empty() : Optional.of(count == 1 ? key : key + "#" + count);
    }

    /** Ends the life of the socket under {@code key}; later calls on it are not the recording's socket. */
    void close(String key) {
        live.remove(key);
    }
}
