package org.wskemu.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wskemu.security.Sid;

class ImportOptionsTest {

    @Test
    void usersAreReadByPid() {
        ImportOptions options = ImportOptions.parse(List.of("4=SY", "700=S-1-5-21-1-2-3-1001"), Optional.of("BU"));
        assertEquals(Map.of(4, Sid.LOCAL_SYSTEM, 700, Sid.parse("S-1-5-21-1-2-3-1001")), options.users());
        assertEquals(Optional.of(Sid.BUILTIN_USERS), options.defaultUser());
    }

    @ParameterizedTest(name = "--user {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "700|--user '700' is not PID=SID",
            "=SY|--user '=SY' is not PID=SID",
            "x=SY|--user 'x=SY': 'x' is not a decimal process id",
            "-1=SY|--user '-1=SY': a process id is not negative",
            "7=nobody|--user '7=nobody': unknown SID 'nobody'"})
    void aMalformedUserFlagNamesItself(String flag, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImportOptions.parse(List.of(flag), Optional.empty()));
        assertEquals(true, e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void aPidGivenTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImportOptions.parse(List.of("7=SY", "7=BA"), Optional.empty()));
        assertEquals("--user gives process 7 twice", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"wine,WINE", "tracerpt-xml,TRACERPT_XML", "WINE,WINE"})
    void formatsAreNamedAsTheCommandLineNamesThem(String name, Format format) {
        assertEquals(format, Format.ofCliName(name));
    }
}
