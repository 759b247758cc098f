package org.wskemu.engine.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlInput;
import org.wskemu.api.ControlType;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.sharing.ProfileId;

/** SPEC.md 7's option sizes, profile by profile: the refusal, the value read and the Information of a get. */
class ControlRulesTest {

    private static String refusal(ControlRequest request, ProfileId profile) {
        return ControlRules.immediate(request, profile).map(r -> r.status().name()).orElse("none");
    }

    @ParameterizedTest(name = "{0} set {1} InputSize {2} value {3} -> {4}, reads {5}")
    @CsvSource(delimiter = '|', textBlock = """
            wsk          | SO_REUSEADDR        | 4 | 1      | none              | 1
            wsk          | SO_REUSEADDR        | 0 | 1      | INVALID_PARAMETER | -
            wsk          | SO_REUSEADDR        | 1 | 1      | INVALID_PARAMETER | -
            wsk          | SO_EXCLUSIVEADDRUSE | 8 | 1      | INVALID_PARAMETER | -
            wsk          | IPV6_V6ONLY         | 4 | 256    | none              | 256
            wsk          | IPV6_V6ONLY         | 1 | 1      | INVALID_PARAMETER | -
            win32        | SO_REUSEADDR        | 0 | 1      | none              | 0
            win32        | SO_REUSEADDR        | 1 | 256    | none              | 0
            win32        | SO_REUSEADDR        | 1 | 257    | none              | 1
            win32        | SO_REUSEADDR        | 2 | 65536  | none              | 0
            win32        | SO_REUSEADDR        | 2 | 65537  | none              | 1
            win32        | SO_REUSEADDR        | 4 | 65536  | none              | 65536
            win32        | SO_EXCLUSIVEADDRUSE | 8 | 7      | none              | 7
            win32        | SO_REUSEADDR        | 3 | 1      | INVALID_PARAMETER | -
            win32        | SO_REUSEADDR        | 5 | 1      | INVALID_PARAMETER | -
            win32        | SO_REUSEADDR        | 9 | 1      | INVALID_PARAMETER | -
            win32        | IPV6_V6ONLY         | 0 | 1      | BUFFER_TOO_SMALL  | -
            win32        | IPV6_V6ONLY         | 1 | 256    | none              | 0
            win32        | IPV6_V6ONLY         | 4 | 256    | none              | 0
            win32        | IPV6_V6ONLY         | 8 | 1      | none              | 1
            win32        | IPV6_V6ONLY         | 3 | 1      | INVALID_PARAMETER | -
            win32        | IPV6_V6ONLY         | 6 | 1      | INVALID_PARAMETER | -
            win32        | IPV6_V6ONLY         | 9 | 1      | INVALID_PARAMETER | -
            win32-legacy | SO_REUSEADDR        | 2 | 3      | none              | 3
            win32-legacy | IPV6_V6ONLY         | 0 | 1      | BUFFER_TOO_SMALL  | -
            """)
    void setSizes(String profile, String option, int size, int value, String refused, String read) {
        ProfileId id = ProfileId.parse(profile);
        ControlRequest request = ControlRequest.set(OptionCode.parse(option), value).withInputSize(size);
        assertEquals(refused, refusal(request, id));
        if (!read.equals("-")) {
            assertEquals(Integer.parseInt(read), ControlRules.valueRead(request, id));
        }
    }

    @ParameterizedTest(name = "{0} get {1} OutputSize {2} -> {3}, Information {4}")
    @CsvSource(delimiter = '|', textBlock = """
            wsk          | SO_REUSEADDR        | 4  | none             | 4
            wsk          | SO_REUSEADDR        | 3  | BUFFER_TOO_SMALL | -
            wsk          | IPV6_V6ONLY         | 1  | BUFFER_TOO_SMALL | -
            wsk          | SO_EXCLUSIVEADDRUSE | 16 | none             | 4
            win32        | SO_REUSEADDR        | 0  | BUFFER_TOO_SMALL | -
            win32        | SO_REUSEADDR        | 1  | none             | 1
            win32        | SO_REUSEADDR        | 3  | none             | 1
            win32        | SO_REUSEADDR        | 4  | none             | 4
            win32        | SO_EXCLUSIVEADDRUSE | 8  | none             | 4
            win32        | IPV6_V6ONLY         | 0  | BUFFER_TOO_SMALL | -
            win32        | IPV6_V6ONLY         | 1  | none             | 1
            win32        | IPV6_V6ONLY         | 4  | none             | 1
            win32-legacy | SO_REUSEADDR        | 2  | none             | 1
            """)
    void getSizes(String profile, String option, int size, String refused, String information) {
        ProfileId id = ProfileId.parse(profile);
        ControlRequest request = ControlRequest.get(OptionCode.parse(option)).withOutputSize(size);
        assertEquals(refused, refusal(request, id));
        if (!information.equals("-")) {
            assertEquals(Integer.parseInt(information), ControlRules.informationOfGet(request, id));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"wsk", "win32"})
    void levelsAndUnknownOptionsNeedNoSocketState(String profile) {
        ProfileId id = ProfileId.parse(profile);
        assertEquals(NtStatus.NOT_SUPPORTED, ControlRules.immediate(new ControlRequest(ControlType.GET,
                new OptionCode(0x1234), new org.wskemu.api.OptionLevel(6), 0, 0, ControlInput.NONE), id).orElseThrow().status());
        assertEquals(NtStatus.INVALID_PARAMETER, ControlRules.immediate(ControlRequest.set(OptionCode.IPV6_V6ONLY, 1)
                .withLevel(org.wskemu.api.OptionLevel.SOL_SOCKET), id).orElseThrow().status());
        assertEquals(NtStatus.INVALID_PARAMETER, ControlRules.immediate(ControlRequest.get(OptionCode.SO_REUSEADDR)
                .withLevel(org.wskemu.api.OptionLevel.IPPROTO_IPV6), id).orElseThrow().status());
        assertEquals(NtStatus.INVALID_PARAMETER, ControlRules.immediate(new ControlRequest(ControlType.SET,
                OptionCode.SO_WSK_SECURITY, org.wskemu.api.OptionLevel.SOL_SOCKET, 8, 0, ControlInput.NONE), id)
                .orElseThrow().status());
    }
}
