package org.wskemu.engine.session;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A session file line's {@code op} (SESSION-FORMAT.md): the declarations ({@code host},
 * {@code process}, {@code thread}) and the WSK calls ({@code socket}, {@code set}, {@code get},
 * {@code bind}, {@code close}). {@link #toString()} is the file's spelling.
 */
public enum Op {
    /** {@code host}: declares addresses the machine owns (SPEC.md 2). */
    HOST,
    /** {@code process}: declares a process and its token. */
    PROCESS,
    /** {@code thread}: declares a thread of a process, optionally impersonating. */
    THREAD,
    /** {@code socket}: WskSocket. */
    SOCKET,
    /** {@code set}: WskControlSocket setting an option. */
    SET,
    /** {@code get}: WskControlSocket reading an option. */
    GET,
    /** {@code bind}: WskBind. */
    BIND,
    /** {@code close}: WskCloseSocket. */
    CLOSE;

    private final String text = name().toLowerCase(Locale.ROOT);

    /** @return the op as a session file spells it, e.g. {@code "bind"} */
    public String text() {
        return text;
    }

    /**
     * @param text an op as a session file spells it (exact, lower case)
     * @return the op, or empty when {@code text} names none
     */
    public static Optional<Op> parse(String text) {
        return Arrays.stream(values()).filter(op -> op.text.equals(text)).findFirst();
    }

    /** @return {@link #text()} */
    @Override
    public String toString() {
        return text;
    }
}
