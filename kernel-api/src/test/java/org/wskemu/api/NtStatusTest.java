package org.wskemu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NtStatusTest {

    /** SPEC.md 5, typed here rather than read from the enum. */
    static Stream<Arguments> documentedValues() {
        return Stream.of(
                Arguments.of(NtStatus.SUCCESS, 0x00000000, "0x00000000"),
                Arguments.of(NtStatus.PENDING, 0x00000103, "0x00000103"),
                Arguments.of(NtStatus.INVALID_HANDLE, 0xC0000008, "0xC0000008"),
                Arguments.of(NtStatus.INVALID_PARAMETER, 0xC000000D, "0xC000000D"),
                Arguments.of(NtStatus.ACCESS_DENIED, 0xC0000022, "0xC0000022"),
                Arguments.of(NtStatus.BUFFER_TOO_SMALL, 0xC0000023, "0xC0000023"),
                Arguments.of(NtStatus.SHARING_VIOLATION, 0xC0000043, "0xC0000043"),
                Arguments.of(NtStatus.NOT_SUPPORTED, 0xC00000BB, "0xC00000BB"),
                Arguments.of(NtStatus.CANCELLED, 0xC0000120, "0xC0000120"),
                Arguments.of(NtStatus.INVALID_ADDRESS_COMPONENT, 0xC0000207, "0xC0000207"),
                Arguments.of(NtStatus.TOO_MANY_ADDRESSES, 0xC0000209, "0xC0000209"),
                Arguments.of(NtStatus.ADDRESS_ALREADY_EXISTS, 0xC000020A, "0xC000020A"),
                Arguments.of(NtStatus.ADDRESS_ALREADY_ASSOCIATED, 0xC0000238, "0xC0000238"));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("documentedValues")
    void eachStatusHasTheDocumentedValue(NtStatus status, int code, String hex) {
        assertEquals(code, status.code());
        assertEquals(hex, status.hex());
        assertEquals(Optional.of(status), NtStatus.ofCode(code));
        assertEquals("STATUS_" + status.name() + " (" + hex + ")", status.toString());
    }

    @Test
    void thereAreNoStatusesBeyondTheDocumentedOnes() {
        Set<NtStatus> documented = documentedValues().map(a -> (NtStatus) a.get()[0]).collect(Collectors.toSet());

        assertEquals(Set.copyOf(Arrays.asList(NtStatus.values())), documented);
        assertEquals(NtStatus.values().length, Arrays.stream(NtStatus.values()).mapToInt(NtStatus::code).distinct().count(),
                "codes are distinct");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(NtStatus.class)
    void onlySuccessIsSuccess(NtStatus status) {
        assertEquals(status == NtStatus.SUCCESS, status.isSuccess());
        assertEquals("STATUS_" + status.name(), status.fullName());
        assertTrue(!status.meaning().isBlank(), "has a meaning");
    }

    @Test
    void ofCodeOfAnUndocumentedValueIsEmpty() {
        assertEquals(Optional.empty(), NtStatus.ofCode(0xC0000001));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            STATUS_ACCESS_DENIED       | ACCESS_DENIED
            ACCESS_DENIED              | ACCESS_DENIED
            access_denied              | ACCESS_DENIED
            status_access_denied       | ACCESS_DENIED
            Status_Pending             | PENDING
            0xC0000022                 | ACCESS_DENIED
            0xc0000022                 | ACCESS_DENIED
            0XC000020A                 | ADDRESS_ALREADY_EXISTS
            0x00000000                 | SUCCESS
            0x0                        | SUCCESS
            0x103                      | PENDING
            STATUS_SUCCESS             | SUCCESS
            TOO_MANY_ADDRESSES         | TOO_MANY_ADDRESSES
            """)
    void parseAcceptsNamesWithOrWithoutPrefixInAnyCaseAndHex(String text, NtStatus expected) {
        assertEquals(expected, NtStatus.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(NtStatus.class)
    void everyStatusParsesFromItsFullNameNameAndHex(NtStatus status) {
        assertEquals(status, NtStatus.parse(status.fullName()));
        assertEquals(status, NtStatus.parse(status.name()));
        assertEquals(status, NtStatus.parse(status.hex()));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"STATUS_NOPE", "NOPE", "0xC0000001", "0x", "0xZZ", "0x1C0000022", "", "STATUS_",
            "ACCESS DENIED", "STATUS_STATUS_SUCCESS", "3221225506", "C0000022"})
    void parseRefusesUnknownTextNamingIt(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> NtStatus.parse(text));

        assertEquals("unknown status '" + text + "'", error.getMessage());
    }
}
