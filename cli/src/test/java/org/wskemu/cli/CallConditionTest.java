package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wskemu.api.NtStatus;

/** The grammar of a breakpoint's condition, over one refused bind. */
class CallConditionTest {

    /** Socket b443's bind of port 443 by process 1200 at line 18, position 11, refused and diverged. */
    static final DebugCall CALL = new DebugCall(8, 11, 18, "bind", "b443", 1200L, 443, NtStatus.ACCESS_DENIED, true,
            "socket b443 bind to 192.168.1.10:443 refused", null);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "status == \"ACCESS_DENIED\" ; true",
        "status == STATUS_ACCESS_DENIED ; true",
        "status == 0xC0000022 ; true",
        "status != \"SUCCESS\" ; true",
        "status == SUCCESS ; false",
        "port == 443 ; true",
        "port==80 ; false",
        "socket == \"b443\" ; true",
        "socket == \"b80\" ; false",
        "op == bind && port == 443 ; true",
        "op == bind && port == 80 ; false",
        "op == close || port == 443 ; true",
        "op == close || port == 80 || line == 18 ; true",
        "op == close && line == 18 || socket == b443 ; true",
        "op == close && line == 18 || socket == a443 ; false",
        "process == 1200 && position == 11 ; true",
        "diverged == true ; true",
        "diverged != true ; false",
        "socket == \"a b\" ; false",
    })
    void evaluatesOverTheCall(String condition, boolean expected) {
        assertEquals(expected, CallCondition.parse(condition).test(CALL));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "colour == red ; condition 'colour == red': unknown field 'colour' (expected one of op, socket, status, port, process, line, position, diverged)",
        "port == http ; condition 'port == http': port is a number, was 'http'",
        "port = 80 ; condition 'port = 80': unexpected '=' at column 6",
        "port == 80 && ; condition 'port == 80 &&': expected FIELD == VALUE or FIELD != VALUE after '&&'",
        "port == 80 line == 3 ; condition 'port == 80 line == 3': expected && or || before 'line'",
        "socket == \"b80 ; condition 'socket == \"b80': a quote opened at column 11 is not closed",
        "status == NOPE ; condition 'status == NOPE': unknown status 'NOPE'",
        "diverged == maybe ; condition 'diverged == maybe': diverged is true or false, was 'maybe'",
    })
    void refusesWhatItCannotReadNamingWhere(String condition, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> CallCondition.parse(condition)).getMessage());
    }
}
