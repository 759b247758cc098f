package org.wskemu.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SidTest {

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
        "WD, S-1-1-0",
        "AU, S-1-5-11",
        "SY, S-1-5-18",
        "LS, S-1-5-19",
        "NS, S-1-5-20",
        "BA, S-1-5-32-544",
        "BU, S-1-5-32-545",
    })
    void everyAliasReadsAsItsSidAndPrintsBack(String alias, String value) {
        Sid fromAlias = Sid.parse(alias);
        Sid fromValue = Sid.parse(value);
        assertEquals(value, fromAlias.value());
        assertEquals(fromAlias, fromValue);
        assertEquals(Optional.of(alias), fromValue.alias());
        assertEquals(alias, fromValue.toSddl());
        assertEquals(value, fromValue.toString());
    }

    @Test
    void constantsHoldTheWellKnownValues() {
        assertEquals("S-1-1-0", Sid.EVERYONE.value());
        assertEquals("S-1-5-11", Sid.AUTHENTICATED_USERS.value());
        assertEquals("S-1-5-18", Sid.LOCAL_SYSTEM.value());
        assertEquals("S-1-5-19", Sid.LOCAL_SERVICE.value());
        assertEquals("S-1-5-20", Sid.NETWORK_SERVICE.value());
        assertEquals("S-1-5-32-544", Sid.BUILTIN_ADMINISTRATORS.value());
        assertEquals("S-1-5-32-545", Sid.BUILTIN_USERS.value());
        assertEquals("S-1-5-7", Sid.ANONYMOUS.value());
    }

    @Test
    void aSidWithoutAliasPrintsItsValue() {
        Sid user = Sid.parse("S-1-5-21-1004336348-1177238915-682003330-1001");
        assertEquals(Optional.empty(), user.alias());
        assertEquals("S-1-5-21-1004336348-1177238915-682003330-1001", user.toSddl());
        assertEquals("S-1-5-7", Sid.ANONYMOUS.toSddl());
    }

    @ParameterizedTest(name = "{0} is canonically {1}")
    @CsvSource({
        "s-1-5-18, S-1-5-18",
        "S-1-0-0, S-1-0-0",
        "S-1-5-4294967295, S-1-5-4294967295",
        "S-1-0x000000000005-18, S-1-5-18",
        "S-1-0X00000000000A-1, S-1-10-1",
        "S-1-0x0000FFFFFFFF-1, S-1-4294967295-1",
        "S-1-0x000100000000-1, S-1-0x000100000000-1",
        "S-1-4294967296-1, S-1-0x000100000000-1",
        "S-1-281474976710655-1, S-1-0xffffffffffff-1",
        "S-1-0xFFFFFFFFFFFF-1, S-1-0xffffffffffff-1",
        "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15, S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15",
    })
    void sidStringsAreNormalised(String text, String canonical) {
        assertEquals(canonical, Sid.parse(text).value());
        assertEquals(Sid.parse(text), new Sid(canonical));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "S-1|invalid SID 'S-1': expected S-1-<authority>-<sub-authority>...",
        "S-1-5|invalid SID 'S-1-5': has 0 sub-authorities, expected 1 to 15",
        "S-1-5-|invalid SID 'S-1-5-': empty sub-authority",
        "S-1-|invalid SID 'S-1-': empty authority",
        "S-2-5-18|invalid SID 'S-2-5-18': revision '2' is not 1",
        "S-1-5-x|invalid SID 'S-1-5-x': sub-authority 'x' is not a decimal number",
        "S-1-5-+18|invalid SID 'S-1-5-+18': sub-authority '+18' is not a decimal number",
        "S-1-5- 18|invalid SID 'S-1-5- 18': sub-authority ' 18' is not a decimal number",
        "S-1-5-018|invalid SID 'S-1-5-018': sub-authority '018' has a leading zero",
        "S-1-5-4294967296|invalid SID 'S-1-5-4294967296': sub-authority '4294967296' is greater than 4294967295",
        "S-1-5-99999999999999999999|invalid SID 'S-1-5-99999999999999999999': sub-authority '99999999999999999999' is greater than 4294967295",
        "S-1-281474976710656-1|invalid SID 'S-1-281474976710656-1': authority '281474976710656' is greater than 281474976710655",
        "S-1-0x5-18|invalid SID 'S-1-0x5-18': hex authority '0x5' must be 0x followed by 12 hex digits",
        "S-1-0x00000000000G-18|invalid SID 'S-1-0x00000000000G-18': hex authority '0x00000000000G' must be 0x followed by 12 hex digits",
        "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16|invalid SID 'S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16': has 16 sub-authorities, expected 1 to 15",
        "XX|unknown SID 'XX': expected S-1-... or one of WD AU SY LS NS BA BU",
        "sy|unknown SID 'sy': expected S-1-... or one of WD AU SY LS NS BA BU",
        "AN|unknown SID 'AN': expected S-1-... or one of WD AU SY LS NS BA BU",
        "' SY'|unknown SID ' SY': expected S-1-... or one of WD AU SY LS NS BA BU",
        "''|unknown SID '': expected S-1-... or one of WD AU SY LS NS BA BU",
    })
    void malformedSidsAreRefusedNamingTheText(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sid.parse(text));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "S-1|expected S-1-<authority>-<sub-authority>...",
        "S-1-5-018|sub-authority '018' has a leading zero",
        "XX|expected S-1-... or one of WD AU SY LS NS BA BU",
    })
    void aRefusalCarriesItsReasonWithoutTheText(String text, String reason) {
        SidException e = assertThrows(SidException.class, () -> Sid.parse(text));
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage().endsWith("'" + text + "': " + reason), e.getMessage());
    }

    @Test
    void theConstructorWantsAnUpperCaseS() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sid("s-1-5-18"));
        assertEquals("invalid SID 's-1-5-18': expected S-1-<authority>-<sub-authority>...", e.getMessage());
    }

    @Test
    void aHugeStringIsRefusedWithAShortMessage() {
        String huge = "S-1-5-" + "1".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sid.parse(huge));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid SID 'S-1-5-111"), e.getMessage());
    }

    @Test
    void nullIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> Sid.parse(null));
        assertThrows(NullPointerException.class, () -> new Sid(null));
    }
}
