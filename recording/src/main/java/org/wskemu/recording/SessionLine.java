package org.wskemu.recording;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One line of the session file an import writes. */
sealed interface SessionLine {

    /** A {@code #} comment; its text is already safe (see {@link Text#safe}). */
    record Comment(String text) implements SessionLine {
    }

    /** A call or declaration line: {@code op} first, then the fields in the order given. */
    record Call(Map<String, Object> fields) implements SessionLine {
        public Call {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }
}
