package org.wskemu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class WinsockErrorTest {

    /** Wine dlls/ws2_32/socket.c NtStatusToWSAError, typed here from the source for wskemu's own statuses. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            SUCCESS                    | NO_ERROR
            PENDING                    | ERROR_IO_PENDING
            INVALID_HANDLE             | WSAENOTSOCK
            INVALID_PARAMETER          | WSAEINVAL
            ACCESS_DENIED              | WSAEACCES
            BUFFER_TOO_SMALL           | WSAEFAULT
            SHARING_VIOLATION          | WSAEADDRINUSE
            NOT_SUPPORTED              | WSAEOPNOTSUPP
            CANCELLED                  | ERROR_OPERATION_ABORTED
            INVALID_ADDRESS_COMPONENT  | WSAEADDRNOTAVAIL
            TOO_MANY_ADDRESSES         | WSAENOBUFS
            ADDRESS_ALREADY_EXISTS     | WSAEADDRINUSE
            ADDRESS_ALREADY_ASSOCIATED | WSAEINVAL
            """)
    void wskemusStatusesMapAsWineTableSays(NtStatus status, WinsockError expected) {
        assertEquals(expected, WinsockError.of(status));
    }

    @ParameterizedTest(name = "0x{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            C0000236 | WSAECONNREFUSED
            C0000350 | WSAEHOSTDOWN
            80000005 | WSAEMSGSIZE
            C00703E4 | ERROR_IO_INCOMPLETE
            C0000001 | WSAEINVAL
            C0001234 | WSAEINVAL
            80000001 | WSAEINVAL
            00000001 | NO_ERROR
            """)
    void otherStatusesMapByTheTableElseFailuresAreWsaeinval(String hex, WinsockError expected) {
        assertEquals(expected, WinsockError.ofNtStatus(Integer.parseUnsignedInt(hex, 16)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(WinsockError.class)
    void everyErrorParsesFromItsNameAndNumber(WinsockError error) {
        assertEquals(error, WinsockError.parse(error.name()));
        assertEquals(error, WinsockError.parse(Integer.toString(error.code())));
    }

    @Test
    void documentedNumbers() {
        assertEquals(10048, WinsockError.WSAEADDRINUSE.code());
        assertEquals(10013, WinsockError.WSAEACCES.code());
        assertEquals(10022, WinsockError.WSAEINVAL.code());
        assertEquals(10049, WinsockError.WSAEADDRNOTAVAIL.code());
        assertEquals(10014, WinsockError.WSAEFAULT.code());
        assertEquals(0, WinsockError.NO_ERROR.code());
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"WSAENOPE", "10000", "", "WSA EACCES", "-1", "１００４８"})
    void unknownErrorsAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> WinsockError.parse(text));
    }
}
