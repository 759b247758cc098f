package org.wskemu.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The NTSTATUS values the emulator answers with (SPEC.md 5). Callers cannot tell them from the
 * real platform's: there are no invented codes.
 */
public enum NtStatus {
    /** {@code STATUS_SUCCESS}, 0x00000000: the operation completed successfully. */
    SUCCESS(0x00000000, "the operation completed successfully"),
    /** {@code STATUS_PENDING}, 0x00000103: the operation will complete later; the IRP carries the result. */
    PENDING(0x00000103, "the operation will complete later; the IRP carries the result"),
    /** {@code STATUS_INVALID_HANDLE}, 0xC0000008: the socket is closed or unknown. */
    INVALID_HANDLE(0xC0000008, "the socket is closed or unknown"),
    /** {@code STATUS_INVALID_PARAMETER}, 0xC000000D: a parameter is not valid for this call. */
    INVALID_PARAMETER(0xC000000D, "a parameter is not valid for this call"),
    /** {@code STATUS_ACCESS_DENIED}, 0xC0000022: the address is held by a socket whose descriptor or options refuse sharing. */
    ACCESS_DENIED(0xC0000022, "the address is held by a socket whose descriptor or options refuse sharing"),
    /** {@code STATUS_BUFFER_TOO_SMALL}, 0xC0000023: the output buffer is too small for the value. */
    BUFFER_TOO_SMALL(0xC0000023, "the output buffer is too small for the value"),
    /** {@code STATUS_SHARING_VIOLATION}, 0xC0000043: the address is already in use (what AFD answers user-mode sockets). */
    SHARING_VIOLATION(0xC0000043, "the address is already in use (what AFD answers user-mode sockets)"),
    /** {@code STATUS_NOT_SUPPORTED}, 0xC00000BB: the request is not supported for this socket or option. */
    NOT_SUPPORTED(0xC00000BB, "the request is not supported for this socket or option"),
    /** {@code STATUS_CANCELLED}, 0xC0000120: the I/O request was cancelled. */
    CANCELLED(0xC0000120, "the I/O request was cancelled"),
    /** {@code STATUS_INVALID_ADDRESS_COMPONENT}, 0xC0000207: the host does not own the address. */
    INVALID_ADDRESS_COMPONENT(0xC0000207, "the host does not own the address"),
    /** {@code STATUS_TOO_MANY_ADDRESSES}, 0xC0000209: no ephemeral port is free. */
    TOO_MANY_ADDRESSES(0xC0000209, "no ephemeral port is free"),
    /** {@code STATUS_ADDRESS_ALREADY_EXISTS}, 0xC000020A: the address is already in use. */
    ADDRESS_ALREADY_EXISTS(0xC000020A, "the address is already in use"),
    /** {@code STATUS_ADDRESS_ALREADY_ASSOCIATED}, 0xC0000238: the socket is already bound. */
    ADDRESS_ALREADY_ASSOCIATED(0xC0000238, "the socket is already bound");

    private static final String PREFIX = "STATUS_";

    private final int code;
    private final String meaning;

    NtStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /**
     * The 32-bit NTSTATUS value.
     *
     * @return the value as a signed int (failures are negative)
     */
    public int code() {
        return code;
    }

    /**
     * The value as the contract prints it: {@code 0xC0000022}.
     *
     * @return {@code 0x} and eight upper-case hex digits
     */
    public String hex() {
        return String.format("0x%08X", code);
    }

    /**
     * The full symbolic name: {@code STATUS_ACCESS_DENIED}.
     *
     * @return {@code STATUS_} followed by the constant's name
     */
    public String fullName() {
        return PREFIX + name();
    }

    /**
     * A short human meaning.
     *
     * @return one lower-case English phrase, never null
     */
    public String meaning() {
        return meaning;
    }

    /**
     * Whether the call succeeded; {@link #PENDING} is not success (the IRP completes later).
     *
     * @return true only for {@link #SUCCESS}
     */
    public boolean isSuccess() {
        return this == SUCCESS;
    }

    /**
     * Looks a status up by its 32-bit value.
     *
     * @param code the NTSTATUS value, e.g. {@code 0xC0000022}
     * @return the status, or empty when the emulator never answers that value
     */
    public static Optional<NtStatus> ofCode(int code) {
        for (NtStatus status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a status as session files write it: {@code STATUS_ACCESS_DENIED},
     * {@code ACCESS_DENIED} or {@code 0xC0000022}.
     *
     * @param text the status name or hex value; surrounding blanks and letter case are ignored
     * @return the status, never null
     * @throws IllegalArgumentException naming the text when it is no known status
     */
    public static NtStatus parse(String text) {
        String trimmed = text.strip();
        if (trimmed.regionMatches(true, 0, "0x", 0, 2)) {
            try {
                int value = Numbers.parseUnsigned32(trimmed);
                return ofCode(value).orElseThrow(() -> unknown(text));
            } catch (NumberFormatException e) {
                throw unknown(text);
            }
        }
        if (!Numbers.isAsciiName(trimmed)) {
            throw unknown(text);
        }
        String name = trimmed.toUpperCase(Locale.ROOT);
        if (name.startsWith(PREFIX)) {
            name = name.substring(PREFIX.length());
        }
        for (NtStatus status : values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        throw unknown(text);
    }

    private static IllegalArgumentException unknown(String text) {
        return new IllegalArgumentException("unknown status '" + text + "'");
    }

    @Override
    public String toString() {
        return fullName() + " (" + hex() + ")";
    }
}
