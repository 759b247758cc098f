package org.wskemu.recording;

import java.util.Map;

/**
 * How an import writes an observed status as an {@code expect} value. To be replaced by
 * {@code org.wskemu.api.WinsockError} (and the full NTSTATUS table) when the fidelity work merges:
 * the few names and numbers here are copied from SPEC.md section 5 and Winsock2.h / Winerror.h.
 */
final class StatusNames {

    /** NTSTATUS names of SPEC.md section 5, by value; any other value is written in hex. */
    private static final Map<Integer, String> NTSTATUS = Map.ofEntries(
            Map.entry(0x00000000, "STATUS_SUCCESS"),
            Map.entry(0x00000103, "STATUS_PENDING"),
            Map.entry(0xC0000008, "STATUS_INVALID_HANDLE"),
            Map.entry(0xC000000D, "STATUS_INVALID_PARAMETER"),
            Map.entry(0xC0000022, "STATUS_ACCESS_DENIED"),
            Map.entry(0xC0000023, "STATUS_BUFFER_TOO_SMALL"),
            Map.entry(0xC0000043, "STATUS_SHARING_VIOLATION"),
            Map.entry(0xC00000BB, "STATUS_NOT_SUPPORTED"),
            Map.entry(0xC0000120, "STATUS_CANCELLED"),
            Map.entry(0xC0000207, "STATUS_INVALID_ADDRESS_COMPONENT"),
            Map.entry(0xC0000209, "STATUS_TOO_MANY_ADDRESSES"),
            Map.entry(0xC000020A, "STATUS_ADDRESS_ALREADY_EXISTS"),
            Map.entry(0xC0000238, "STATUS_ADDRESS_ALREADY_ASSOCIATED"));

    /**
     * Winsock error names SESSION-FORMAT.md accepts, by number (Winsock2.h: WSABASEERR 10000 + n);
     * any other number is written as the number. 0 is NO_ERROR.
     */
    private static final Map<Integer, String> WINSOCK = Map.ofEntries(
            Map.entry(0, "NO_ERROR"),
            Map.entry(10013, "WSAEACCES"),
            Map.entry(10014, "WSAEFAULT"),
            Map.entry(10022, "WSAEINVAL"),
            Map.entry(10038, "WSAENOTSOCK"),
            Map.entry(10042, "WSAENOPROTOOPT"),
            Map.entry(10045, "WSAEOPNOTSUPP"),
            Map.entry(10047, "WSAEAFNOSUPPORT"),
            Map.entry(10048, "WSAEADDRINUSE"),
            Map.entry(10049, "WSAEADDRNOTAVAIL"),
            Map.entry(10055, "WSAENOBUFS"));

    private StatusNames() {
    }

    /** An NTSTATUS as an expectation: its SPEC.md name, else {@code 0xC0000043}-style hex. */
    static String ntStatus(int code) {
        String name = NTSTATUS.get(code);
        return name != null ? name : String.format("0x%08X", code);
    }

    /** A Winsock error as an expectation: its name, else its decimal number as text. */
    static Object winsock(int error) {
        String name = WINSOCK.get(error);
        return name != null ? name : (Object) error;
    }
}
