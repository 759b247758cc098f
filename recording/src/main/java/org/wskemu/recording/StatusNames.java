package org.wskemu.recording;

import org.wskemu.api.NtStatus;
import org.wskemu.api.WinsockError;

/**
 * How an import writes an observed status as an {@code expect} value: by the project's own names
 * ({@link NtStatus}, {@link WinsockError}) where it has one, else as a number, so a status wskemu
 * never produces is still written exactly as observed (SESSION-FORMAT.md: any NTSTATUS is a valid
 * expectation).
 */
final class StatusNames {

    private StatusNames() {
    }

    /** An NTSTATUS as an expectation: its SPEC.md name, else {@code 0xC0000043}-style hex. */
    static String ntStatus(int code) {
        return NtStatus.ofCode(code).map(NtStatus::fullName).orElseGet(() -> String.format("0x%08X", code));
    }

    /** A Winsock error as an expectation: its name, else its decimal number. */
    static Object winsock(int error) {
        return WinsockError.ofCode(error).<Object>map(WinsockError::name).orElse(error);
    }
}
