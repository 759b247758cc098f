package org.wskemu.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The NTSTATUS values the emulator answers with (SPEC.md 5). Callers cannot tell them from the
 * real platform's: there are no invented codes.
 */
public enum NtStatus {
    SUCCESS(0x00000000, "the operation completed successfully"),
    PENDING(0x00000103, "the operation will complete later; the IRP carries the result"),
    INVALID_HANDLE(0xC0000008, "the socket is closed or unknown"),
    INVALID_PARAMETER(0xC000000D, "a parameter is not valid for this call"),
    ACCESS_DENIED(0xC0000022, "the address is held by a socket whose descriptor or options refuse sharing"),
    BUFFER_TOO_SMALL(0xC0000023, "the output buffer is too small for the value"),
    SHARING_VIOLATION(0xC0000043, "the address is already in use (what AFD answers user-mode sockets)"),
    NOT_SUPPORTED(0xC00000BB, "the request is not supported for this socket or option"),
    CANCELLED(0xC0000120, "the I/O request was cancelled"),
    INVALID_ADDRESS_COMPONENT(0xC0000207, "the host does not own the address"),
    TOO_MANY_ADDRESSES(0xC0000209, "no ephemeral port is free"),
    ADDRESS_ALREADY_EXISTS(0xC000020A, "the address is already in use"),
    ADDRESS_ALREADY_ASSOCIATED(0xC0000238, "the socket is already bound");

    private static final String PREFIX = "STATUS_";

    private final int code;
    private final String meaning;

    NtStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The 32-bit NTSTATUS value. */
    public int code() {
        return code;
    }

    /** The value as the contract prints it: {@code 0xC0000022}. */
    public String hex() {
        return String.format("0x%08X", code);
    }

    /** The full symbolic name: {@code STATUS_ACCESS_DENIED}. */
    public String fullName() {
        return PREFIX + name();
    }

    /** A short human meaning. */
    public String meaning() {
        return meaning;
    }

    public boolean isSuccess() {
        return this == SUCCESS;
    }

    /** Looks a status up by its 32-bit value. */
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
