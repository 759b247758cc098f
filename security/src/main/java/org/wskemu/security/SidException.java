package org.wskemu.security;

/**
 * A SID string that {@link Sid#parse(String)} refuses. The message names the text (cut to 60
 * characters) and says what is wrong, for example {@code invalid SID 'S-1-x': expected
 * S-1-<authority>-<sub-authority>...}; {@link #reason()} is what is wrong alone, for a caller that
 * names the text its own way.
 */
public final class SidException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What is wrong, without the text. */
    private final String reason;

    SidException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** {@return what is wrong with the text, without naming it} */
    public String reason() {
        return reason;
    }
}
