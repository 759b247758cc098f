package org.wskemu.security;

/**
 * A SID string that {@link Sid#parse(String)} refuses. The message names the text (cut to 60
 * characters) and says what is wrong, for example {@code invalid SID 'S-1-x': expected
 * S-1-<authority>-<sub-authority>...}; {@link #reason()} is what is wrong alone, for a caller that
 * names the text its own way.
 */
public final class SidException extends IllegalArgumentException {

    /** What is wrong, without the text. */
    private final String reason;

    /** {@code kind} is {@code invalid} (a text that looks like a SID) or {@code unknown} (neither SID nor alias). */
    SidException(String kind, String text, String reason) {
        super(kind + " SID '" + Sid.quote(text) + "': " + reason);
        this.reason = reason;
    }

    /** {@return what is wrong with the text, without naming it} */
    public String reason() {
        return reason;
    }
}
