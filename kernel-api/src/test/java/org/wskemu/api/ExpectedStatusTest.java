package org.wskemu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpectedStatusTest {

    /** SESSION-FORMAT.md expect: any NTSTATUS by name or hex, or a Winsock error by name or number. */
    @ParameterizedTest(name = "\"{0}\" reads as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            STATUS_ACCESS_DENIED              | STATUS_ACCESS_DENIED
            access_denied                     | STATUS_ACCESS_DENIED
            0xC0000022                        | STATUS_ACCESS_DENIED
            0xC0000207                        | STATUS_INVALID_ADDRESS_COMPONENT
            STATUS_SHARING_VIOLATION          | STATUS_SHARING_VIOLATION
            CONNECTION_REFUSED                | STATUS_CONNECTION_REFUSED
            0xc0001234                        | 0xC0001234
            0xFFFFFFFF                        | 0xFFFFFFFF
            WSAEADDRINUSE                     | WSAEADDRINUSE
            wsaeacces                         | WSAEACCES
            10048                             | WSAEADDRINUSE
            0                                 | NO_ERROR
            NO_ERROR                          | NO_ERROR
            """)
    void readsAnyStatusOrWinsockError(String text, String normalised) {
        assertEquals(normalised, ExpectedStatus.parse(text).text());
    }

    @ParameterizedTest(name = "{0} meets \"{1}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            SHARING_VIOLATION          | WSAEADDRINUSE     | true
            ADDRESS_ALREADY_EXISTS     | WSAEADDRINUSE     | true
            ADDRESS_ALREADY_EXISTS     | 10048             | true
            ACCESS_DENIED              | WSAEADDRINUSE     | false
            ACCESS_DENIED              | WSAEACCES         | true
            ADDRESS_ALREADY_ASSOCIATED | WSAEINVAL         | true
            INVALID_PARAMETER          | WSAEINVAL         | true
            BUFFER_TOO_SMALL           | WSAEFAULT         | true
            INVALID_ADDRESS_COMPONENT  | WSAEADDRNOTAVAIL  | true
            SUCCESS                    | 0                 | true
            SUCCESS                    | NO_ERROR          | true
            ACCESS_DENIED              | 0                 | false
            SUCCESS                    | SUCCESS           | true
            SHARING_VIOLATION          | ADDRESS_ALREADY_EXISTS | false
            INVALID_ADDRESS_COMPONENT  | 0xC0000207        | true
            SUCCESS                    | 0xC0001234        | false
            """)
    void matchesByCodeOrThroughTheWinsockMapping(NtStatus actual, String expected, boolean matches) {
        assertEquals(matches, ExpectedStatus.parse(expected).matches(actual));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"0xZZ", "0x", "STATUS_NOPE", "NOPE", "WSAENOPE", "10000", "", "0x1C0000022", "-5", "ACCESS DENIED"})
    void malformedValuesAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> ExpectedStatus.parse(text));
    }
}
