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
    /** 0: the call succeeded. */
    NO_ERROR(0),
    /** 995: the I/O was aborted (a cancelled request). */
    ERROR_OPERATION_ABORTED(995),
    /** 996: the overlapped I/O has not completed yet. */
    ERROR_IO_INCOMPLETE(996),
    /** 997: the overlapped I/O was started and completes later. */
    ERROR_IO_PENDING(997),
    /** 10004: a blocking call was interrupted. */
    WSAEINTR(10004),
    /** 10009: the file handle is not valid. */
    WSAEBADF(10009),
    /** 10013: access denied, e.g. the address is held by a socket that refuses sharing. */
    WSAEACCES(10013),
    /** 10014: a pointer or buffer length argument is bad. */
    WSAEFAULT(10014),
    /** 10022: an argument is invalid; also what any unlisted failure maps to. */
    WSAEINVAL(10022),
    /** 10024: too many open sockets. */
    WSAEMFILE(10024),
    /** 10035: a non-blocking call cannot complete now. */
    WSAEWOULDBLOCK(10035),
    /** 10036: a blocking operation is already in progress. */
    WSAEINPROGRESS(10036),
    /** 10037: the operation is already in progress on this non-blocking socket. */
    WSAEALREADY(10037),
    /** 10038: the handle is not a socket (or is closed). */
    WSAENOTSOCK(10038),
    /** 10039: a destination address is required. */
    WSAEDESTADDRREQ(10039),
    /** 10040: the message is larger than the buffer or the protocol allows. */
    WSAEMSGSIZE(10040),
    /** 10041: the protocol does not fit the socket type. */
    WSAEPROTOTYPE(10041),
    /** 10042: the option or level is unknown or not supported. */
    WSAENOPROTOOPT(10042),
    /** 10043: the protocol is not supported. */
    WSAEPROTONOSUPPORT(10043),
    /** 10044: the socket type is not supported in this address family. */
    WSAESOCKTNOSUPPORT(10044),
    /** 10045: the operation is not supported for this socket. */
    WSAEOPNOTSUPP(10045),
    /** 10046: the protocol family is not supported. */
    WSAEPFNOSUPPORT(10046),
    /** 10047: the address family is not supported by the protocol. */
    WSAEAFNOSUPPORT(10047),
    /** 10048: the address is already in use. */
    WSAEADDRINUSE(10048),
    /** 10049: the address is not valid on this host. */
    WSAEADDRNOTAVAIL(10049),
    /** 10050: the network is down. */
    WSAENETDOWN(10050),
    /** 10051: the network cannot be reached. */
    WSAENETUNREACH(10051),
    /** 10052: the connection broke because of a network reset. */
    WSAENETRESET(10052),
    /** 10053: the host aborted the connection. */
    WSAECONNABORTED(10053),
    /** 10054: the peer reset the connection. */
    WSAECONNRESET(10054),
    /** 10055: no buffer space is available. */
    WSAENOBUFS(10055),
    /** 10056: the socket is already connected. */
    WSAEISCONN(10056),
    /** 10057: the socket is not connected. */
    WSAENOTCONN(10057),
    /** 10058: the socket was shut down in that direction. */
    WSAESHUTDOWN(10058),
    /** 10059: too many references to a kernel object. */
    WSAETOOMANYREFS(10059),
    /** 10060: the operation timed out. */
    WSAETIMEDOUT(10060),
    /** 10061: the peer refused the connection. */
    WSAECONNREFUSED(10061),
    /** 10062: a name cannot be translated (too many links). */
    WSAELOOP(10062),
    /** 10063: a name is too long. */
    WSAENAMETOOLONG(10063),
    /** 10064: the destination host is down. */
    WSAEHOSTDOWN(10064),
    /** 10065: the destination host cannot be reached. */
    WSAEHOSTUNREACH(10065),
    /** 10093: WSAStartup has not been called. */
    WSANOTINITIALISED(10093),
    /** 10101: the peer is shutting the connection down gracefully. */
    WSAEDISCON(10101);

    private final int code;

    WinsockError(int code) {
        this.code = code;
    }

    /**
     * The error's number ({@code WSAEADDRINUSE} is 10048).
     *
     * @return the decimal value {@code WSAGetLastError} returns
     */
    public int code() {
        return code;
    }

    /**
     * The error with this number, if it is one of these.
     *
     * @param code the number {@code WSAGetLastError} returned
     * @return the error, or empty when this enum does not list the number
     */
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
     * @param text the name (any letter case) or number; surrounding blanks are ignored
     * @return the error, never null
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
     *
     * @param ntstatus the 32-bit NTSTATUS value the kernel call completed with
     * @return the mapped error, never null
     */
    public static WinsockError ofNtStatus(int ntstatus) {
        Optional<WinsockError> listed = StatusNames.winsockOf(ntstatus);
        if (listed.isPresent()) {
            return listed.get();
        }
        return ntstatus >= 0 ? NO_ERROR : WSAEINVAL;
    }

    /**
     * As {@link #ofNtStatus(int)}.
     *
     * @param status the status the kernel call completed with
     * @return the mapped error, never null
     */
    public static WinsockError of(NtStatus status) {
        return ofNtStatus(status.code());
    }
}
