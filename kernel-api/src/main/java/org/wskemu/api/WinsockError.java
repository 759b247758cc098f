package org.wskemu.api;

import java.util.Locale;
import java.util.Optional;

/**
 * A Winsock error as user mode reports it ({@code WSAGetLastError}), and the NTSTATUS -> Winsock
 * mapping Windows applies to a failed socket call. The mapping is the project's copy of Wine's
 * {@code NtStatusToWSAError} table ({@code dlls/ws2_32/socket.c}), kept as data in
 * {@code ntstatus-to-winsock.csv}: any failure the table does not list maps to {@link #WSAEINVAL},
 * and STATUS_SUCCESS to {@link #NO_ERROR}. Public because a recording made in user mode carries
 * these (SESSION-FORMAT.md, {@code expect}), and importers of such recordings name them.
 */
public enum WinsockError {
    NO_ERROR(0),
    ERROR_OPERATION_ABORTED(995),
    ERROR_IO_INCOMPLETE(996),
    ERROR_IO_PENDING(997),
    WSAEINTR(10004),
    WSAEBADF(10009),
    WSAEACCES(10013),
    WSAEFAULT(10014),
    WSAEINVAL(10022),
    WSAEMFILE(10024),
    WSAEWOULDBLOCK(10035),
    WSAEINPROGRESS(10036),
    WSAEALREADY(10037),
    WSAENOTSOCK(10038),
    WSAEDESTADDRREQ(10039),
    WSAEMSGSIZE(10040),
    WSAEPROTOTYPE(10041),
    WSAENOPROTOOPT(10042),
    WSAEPROTONOSUPPORT(10043),
    WSAESOCKTNOSUPPORT(10044),
    WSAEOPNOTSUPP(10045),
    WSAEPFNOSUPPORT(10046),
    WSAEAFNOSUPPORT(10047),
    WSAEADDRINUSE(10048),
    WSAEADDRNOTAVAIL(10049),
    WSAENETDOWN(10050),
    WSAENETUNREACH(10051),
    WSAENETRESET(10052),
    WSAECONNABORTED(10053),
    WSAECONNRESET(10054),
    WSAENOBUFS(10055),
    WSAEISCONN(10056),
    WSAENOTCONN(10057),
    WSAESHUTDOWN(10058),
    WSAETOOMANYREFS(10059),
    WSAETIMEDOUT(10060),
    WSAECONNREFUSED(10061),
    WSAELOOP(10062),
    WSAENAMETOOLONG(10063),
    WSAEHOSTDOWN(10064),
    WSAEHOSTUNREACH(10065),
    WSANOTINITIALISED(10093),
    WSAEDISCON(10101);

    private final int code;

    WinsockError(int code) {
        this.code = code;
    }

    /** The error's number ({@code WSAEADDRINUSE} is 10048). */
    public int code() {
        return code;
    }

    /** The error with this number, if it is one of these. */
    public static Optional<WinsockError> ofCode(long code) {
        for (WinsockError error : values()) {
            if (error.code == code) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a name ({@code WSAEADDRINUSE}, {@code NO_ERROR}) or a decimal number ({@code 10048}, {@code 0}).
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static WinsockError parse(String text) {
        String trimmed = text.strip();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9') && trimmed.length() <= 6) {
            return ofCode(Long.parseLong(trimmed))
                    .orElseThrow(() -> new IllegalArgumentException("unknown Winsock error number " + trimmed));
        }
        if (Numbers.isAsciiName(trimmed)) {
            String name = trimmed.toUpperCase(Locale.ROOT);
            for (WinsockError error : values()) {
                if (error.name().equals(name)) {
                    return error;
                }
            }
        }
        throw new IllegalArgumentException("unknown Winsock error '" + text + "'");
    }

    /**
     * The error user mode reports for a call whose NTSTATUS is {@code ntstatus}: the table's entry;
     * NO_ERROR for STATUS_SUCCESS and for any other success or informational value the table does not
     * list ([emulator choice]: Wine hands those to RtlNtStatusToDosError, which wskemu does not copy;
     * the emulator answers none of them); WSAEINVAL for any other failure.
     */
    public static WinsockError ofNtStatus(int ntstatus) {
        Optional<WinsockError> listed = StatusNames.winsockOf(ntstatus);
        if (listed.isPresent()) {
            return listed.get();
        }
        return ntstatus >= 0 ? NO_ERROR : WSAEINVAL;
    }

    /** As {@link #ofNtStatus(int)}. */
    public static WinsockError of(NtStatus status) {
        return ofNtStatus(status.code());
    }
}
