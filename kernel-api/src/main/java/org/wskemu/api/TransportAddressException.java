package org.wskemu.api;

/**
 * An address text that {@link TransportAddress#parse(String)} refuses. The message says what is
 * wrong and, where the text is short enough to show, names it, for example {@code address '1.2.3.4':
 * missing ':port'}; {@link #reason()} is the message without that name ({@code missing ':port'}), for a
 * caller that names the text its own way.
 */
public final class TransportAddressException extends IllegalArgumentException {

    /** What is wrong, without the text. */
    private final String reason;

    /** A failure of {@code text}: the message names it before the reason. */
    TransportAddressException(String text, String reason) {
        super("address '" + text + "': " + reason);
        this.reason = reason;
    }

    /** A failure whose message names no text: the reason is the whole message. */
    TransportAddressException(String message) {
        super(message);
        this.reason = message;
    }

    /** {@return what is wrong with the text, the message without the text it names} */
    public String reason() {
        return reason;
    }
}
