package org.wskemu.api;

import java.util.Locale;
import java.util.Objects;

/**
 * What a recording says a call answered (SESSION-FORMAT.md, {@code expect}): any NTSTATUS, or, for
 * a recording made in user mode, a Winsock error. Public because session readers and importers
 * build it; {@link #matches} is the one comparison every runner uses.
 */
public sealed interface ExpectedStatus {

    /**
     * Whether the emulator's status meets this expectation.
     *
     * @param actual the status the emulator answered
     * @return true when the recording agrees with the emulator
     */
    boolean matches(NtStatus actual);

    /** {@return the expectation in its normalised written form: {@code STATUS_ACCESS_DENIED}, {@code 0xC0001234}, {@code WSAEADDRINUSE}} */
    String text();

    /**
     * An NTSTATUS, any 32-bit value; wskemu answers only its own, so another is a valid expectation
     * that simply never matches.
     *
     * @param code the 32-bit value
     */
    record Status(int code) implements ExpectedStatus {

        @Override
        public boolean matches(NtStatus actual) {
            return actual.code() == code;
        }

        /** The {@code STATUS_...} name when known, else {@code 0x%08X}. */
        @Override
        public String text() {
            return StatusNames.nameOf(code).orElseGet(() -> String.format("0x%08X", code));
        }
    }

    /**
     * A Winsock error: it matches when the emulator's status maps to it under
     * {@link WinsockError#ofNtStatus} (NO_ERROR matches success).
     *
     * @param error the error
     */
    record Winsock(WinsockError error) implements ExpectedStatus {

        /**
         * Checks the component.
         *
         * @param error the error, never null
         * @throws NullPointerException when the error is null
         */
        public Winsock {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public boolean matches(NtStatus actual) {
            return WinsockError.of(actual) == error;
        }

        @Override
        public String text() {
            return error.name();
        }
    }

    /**
     * The expectation of exactly {@code status}.
     *
     * @param status the status the call must answer
     * @return a {@link Status} holding its code
     */
    static ExpectedStatus of(NtStatus status) {
        return new Status(status.code());
    }

    /**
     * Parses an expectation as session files write it: an NTSTATUS name with or without
     * {@code STATUS_} (wskemu's own and those of the Winsock mapping table), any 32-bit hex value
     * {@code 0x...}, a Winsock error name ({@code WSAEADDRINUSE}, {@code NO_ERROR}) or its decimal
     * number ({@code 10048}, {@code 0}).
     *
     * @param text the written expectation; surrounding blanks and letter case are ignored
     * @return a {@link Status} or a {@link Winsock}, never null
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    static ExpectedStatus parse(String text) {
        String trimmed = text.strip();
        if (trimmed.regionMatches(true, 0, "0x", 0, 2)) {
            try {
                return new Status(Numbers.parseUnsigned32(trimmed));
            } catch (NumberFormatException e) {
                throw unknown(text);
            }
        }
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return new Winsock(WinsockError.parse(trimmed));
            } catch (IllegalArgumentException e) {
                throw unknown(text);
            }
        }
        if (!Numbers.isAsciiName(trimmed)) {
            throw unknown(text);
        }
        String name = trimmed.toUpperCase(Locale.ROOT);
        if (name.startsWith("WSA") || name.equals("NO_ERROR") || name.startsWith("ERROR_")) {
            try {
                return new Winsock(WinsockError.parse(name));
            } catch (IllegalArgumentException e) {
                throw unknown(text);
            }
        }
        String full = name.startsWith("STATUS_") ? name : "STATUS_" + name;
        return StatusNames.codeOf(full).map(code -> (ExpectedStatus) new Status(code)).orElseThrow(() -> unknown(text));
    }

    /**
     * A Winsock error given as a JSON number: {@code 10048}, {@code 0}.
     *
     * @param number the error's decimal number
     * @return a {@link Winsock} expectation
     * @throws IllegalArgumentException when no listed Winsock error has that number
     */
    static ExpectedStatus winsockNumber(long number) {
        return new Winsock(WinsockError.ofCode(number)
                .orElseThrow(() -> new IllegalArgumentException("unknown Winsock error number " + number)));
    }

    private static IllegalArgumentException unknown(String text) {
        return new IllegalArgumentException("unknown status '" + text + "'");
    }
}
