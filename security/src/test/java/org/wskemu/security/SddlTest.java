package org.wskemu.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SddlTest {

    /** Strings the parser accepts; each must survive print and parse unchanged. */
    static final List<String> ACCEPTED = List.of(
            "O:SY", "G:BA", "O:SYG:BA", "G:BAO:SY", "D:AIO:SYG:BA", "O:BAD:(A;;GA;;;WD)",
            "D:", "D:P", "D:AI", "D:AR", "D:PAI", "D:AIP", "D:PARAI", "D:ARAIP",
            "D:NO_ACCESS_CONTROL", "D:PNO_ACCESS_CONTROL", "D:AINO_ACCESS_CONTROL", "D:NO_ACCESS_CONTROLPAI",
            "O:SYD:NO_ACCESS_CONTROL",
            "D:(A;;GA;;;WD)", "D:(A;;GA;;;AU)", "D:(A;;GA;;;SY)", "D:(A;;GA;;;LS)", "D:(A;;GA;;;NS)",
            "D:(A;;GA;;;BA)", "D:(A;;GA;;;BU)", "D:(A;;GA;;;S-1-5-7)", "D:(A;;GA;;;S-1-5-21-1-2-3-1001)",
            "D:(A;;GA;;;s-1-5-18)", "D:(A;;GA;;;S-1-0x000100000000-1)",
            "D:(A;;GR;;;WD)", "D:(A;;GW;;;WD)", "D:(A;;GX;;;WD)", "D:(A;;RC;;;WD)", "D:(A;;SD;;;WD)",
            "D:(A;;WD;;;WD)", "D:(A;;WO;;;WD)", "D:(A;;FA;;;WD)", "D:(A;;FR;;;WD)", "D:(A;;FW;;;WD)",
            "D:(A;;FX;;;WD)", "D:(A;;GAGRGWGXRCSDWDWO;;;WD)", "D:(A;;WOGA;;;WD)", "D:(A;;GAGA;;;WD)",
            "D:(A;;FAGA;;;WD)", "D:(A;;FRFW;;;WD)", "D:(A;;FRRC;;;WD)",
            "D:(A;;0x2;;;WD)", "D:(A;;0X2;;;WD)", "D:(A;;0x00000002;;;WD)", "D:(A;;0x1f01ff;;;WD)",
            "D:(A;;0xFFFFFFFF;;;WD)", "D:(A;;0x0;;;WD)", "D:(A;;0x80000000;;;WD)", "D:(A;;0x12345678;;;WD)",
            "D:(A;;;;;WD)", "D:(D;;GW;;;AU)(A;;GA;;;WD)",
            "D:(A;CI;GA;;;WD)", "D:(A;OICI;GA;;;WD)", "D:(A;CIOINPIOIDSAFATPCR;GA;;;WD)", "D:(D;IDIO;GW;;;AU)",
            "D:(A;CICI;GA;;;WD)",
            "O:BAG:SYD:PAI(D;OICI;FW;;;AU)(A;OICI;FA;;;SY)(A;OICI;0x1200A9;;;BU)",
            "  O:SY\t\n");

    static Stream<String> accepted() {
        return ACCEPTED.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("accepted")
    void printThenParseGivesTheSameDescriptorAndPrintingIsIdempotent(String sddl) {
        SecurityDescriptor parsed = Sddl.parse(sddl);
        String printed = Sddl.print(parsed);
        SecurityDescriptor reparsed = Sddl.parse(printed);
        assertEquals(parsed, reparsed);
        assertEquals(printed, Sddl.print(reparsed));
        assertEquals(printed, parsed.toSddl());
        assertEquals(parsed, SecurityDescriptor.parse(printed));
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = '|', value = {
        "O:SY|O:SY",
        "G:BAO:SY|O:SYG:BA",
        "D:AIO:SYG:BA|O:SYG:BAD:AI",
        "O:S-1-5-18|O:SY",
        "O:s-1-5-32-544|O:BA",
        "O:S-1-0x000000000005-18|O:SY",
        "G:S-1-5-21-1-2-3-513|G:S-1-5-21-1-2-3-513",
        "D:|D:",
        "D:AIP|D:PAI",
        "D:AIARP|D:PARAI",
        "D:NO_ACCESS_CONTROLP|D:PNO_ACCESS_CONTROL",
        "D:(A;;0x2;;;S-1-1-0)|D:(A;;0x2;;;WD)",
        "D:(A;;0x00000002;;;WD)|D:(A;;0x2;;;WD)",
        "D:(A;;0x1f01ff;;;WD)|D:(A;;FA;;;WD)",
        "D:(A;;0x120089;;;WD)|D:(A;;FR;;;WD)",
        "D:(A;;0x120116;;;WD)|D:(A;;FW;;;WD)",
        "D:(A;;0x1200a0;;;WD)|D:(A;;FX;;;WD)",
        "D:(A;;0X80000000;;;WD)|D:(A;;GR;;;WD)",
        "D:(A;;0x00020000;;;WD)|D:(A;;RC;;;WD)",
        "D:(A;;0x10000;;;WD)|D:(A;;SD;;;WD)",
        "D:(A;;0x50000000;;;WD)|D:(A;;GAGW;;;WD)",
        "D:(A;;WOWDSDRCGXGWGRGA;;;WD)|D:(A;;GAGRGWGXRCSDWDWO;;;WD)",
        "D:(A;;GAGA;;;WD)|D:(A;;GA;;;WD)",
        "D:(A;;FAGA;;;WD)|D:(A;;0x101F01FF;;;WD)",
        "D:(A;;FRFW;;;WD)|D:(A;;0x12019F;;;WD)",
        "D:(A;;0xdeadbeef;;;WD)|D:(A;;0xDEADBEEF;;;WD)",
        "D:(A;;0x0;;;WD)|D:(A;;;;;WD)",
        "D:(A;IOCIOI;GA;;;WD)|D:(A;CIOIIO;GA;;;WD)",
        "D:(A;CRTPFASAIDIONPOICI;GA;;;WD)|D:(A;CIOINPIOIDSAFATPCR;GA;;;WD)",
        "D:(A;CICI;GA;;;WD)|D:(A;CI;GA;;;WD)",
        "D:(D;;GW;;;S-1-5-11)(A;;GA;;;S-1-5-32-545)|D:(D;;GW;;;AU)(A;;GA;;;BU)",
    })
    void printWritesTheCanonicalForm(String sddl, String canonical) {
        assertEquals(canonical, Sddl.print(Sddl.parse(sddl)));
    }

    @Test
    void theEndsOfTheStringAreTrimmed() {
        assertEquals(Sddl.parse("O:SYD:"), Sddl.parse(" \t O:SYD:\r\n"));
    }

    @Test
    void parsedPartsAreWhatTheStringSays() {
        SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:PAI(D;OICI;FW;;;AU)(A;;0x2;;;S-1-5-21-1-2-3-1001)");
        assertEquals(Sid.BUILTIN_ADMINISTRATORS, sd.owner());
        assertEquals(Sid.LOCAL_SYSTEM, sd.group());
        assertTrue(sd.daclPresent());
        assertEquals(Set.of(DaclFlag.P, DaclFlag.AI), sd.daclFlags());
        assertEquals(List.of(
                new Ace(AceType.DENY, Set.of(AceFlag.OI, AceFlag.CI), AccessMask.FILE_WRITE, Sid.AUTHENTICATED_USERS),
                Ace.allow(new AccessMask(2), Sid.parse("S-1-5-21-1-2-3-1001"))), ((Dacl.Present) sd.dacl()).acl().aces());
    }

    @Test
    void noAccessControlIsANullDaclAndDColonAloneIsAnEmptyOne() {
        SecurityDescriptor nullDacl = Sddl.parse("D:PNO_ACCESS_CONTROL");
        assertEquals(new SecurityDescriptor(null, null, new Dacl.Null(Set.of(DaclFlag.P))), nullDacl);
        assertEquals(new SecurityDescriptor(null, null, new Dacl.Present(Set.of(), Acl.EMPTY)), Sddl.parse("D:"));
        assertEquals(new SecurityDescriptor(Sid.LOCAL_SYSTEM, null, Dacl.ABSENT), Sddl.parse("O:SY"));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("S:(AU;SAFA;GA;;;WD)", "SDDL: SACLs are not supported ('S:' at offset 0)", 0),
                arguments("O:SYD:(A;;GA;;;WD)S:", "SDDL: SACLs are not supported ('S:' at offset 18)", 18),
                arguments("D:(OA;;CCDC;aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb;;AO)",
                        "SDDL: unsupported ACE type 'OA' at offset 3 (only A and D are supported)", 3),
                arguments("D:(AU;;GA;;;WD)", "SDDL: unsupported ACE type 'AU' at offset 3", 3),
                arguments("D:(XA;OICI;FA;;;WD;(OctetStringType==#1#2#3##))",
                        "SDDL: unsupported ACE type 'XA' at offset 3", 3),
                arguments("D:(ML;;NW;;;LW)", "SDDL: unsupported ACE type 'ML' at offset 3", 3),
                arguments("D:(a;;GA;;;WD)", "SDDL: unsupported ACE type 'a' at offset 3", 3),
                arguments("D:(;;GA;;;WD)", "SDDL: missing ACE type at offset 3", 3),
                arguments("D:()", "SDDL: missing ACE type at offset 3", 3),
                arguments("D:(A;;GA;;;WD;(x))",
                        "SDDL: conditional ACEs are not supported ('(' inside an ACE at offset 14)", 14),
                arguments("D:(A;;GA;;;WD(x))",
                        "SDDL: conditional ACEs are not supported ('(' inside an ACE at offset 13)", 13),
                arguments("D:((A;;GA;;;WD))",
                        "SDDL: conditional ACEs are not supported ('(' inside an ACE at offset 3)", 3),
                arguments("D:(A;;GA;;;WD;x)",
                        "SDDL: conditional ACEs and resource attributes are not supported (7th ACE field at offset 14)",
                        14),
                arguments("D:(A;;GA;aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb;;WD)",
                        "SDDL: object ACEs are not supported (object_guid 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb' at offset 9)",
                        9),
                arguments("D:(A;;GA;;bbbbbbbb-1111-2222-3333-cccccccccccc;WD)",
                        "SDDL: object ACEs are not supported (inherit_object_guid 'bbbbbbbb-1111-2222-3333-cccccccccccc'"
                                + " at offset 10)",
                        10),
                arguments("D:(A;;RP;;;WD)", "SDDL: unsupported right 'RP' at offset 6", 6),
                arguments("D:(A;;GAKA;;;WD)", "SDDL: unsupported right 'KA' at offset 8", 8),
                arguments("D:(A;;G;;;WD)", "SDDL: unsupported right 'G' at offset 6", 6),
                arguments("D:(A;;ga;;;WD)", "SDDL: unsupported right 'ga' at offset 6", 6),
                arguments("D:(A;; GA;;;WD)", "SDDL: unsupported right ' G' at offset 6", 6),
                arguments("D:(A;;0x;;;WD)", "SDDL: bad hex rights '0x' at offset 6 (expected 0x and 1 to 8 hex digits)", 6),
                arguments("D:(A;;0x123456789;;;WD)", "SDDL: bad hex rights '0x123456789' at offset 6", 6),
                arguments("D:(A;;0xG;;;WD)", "SDDL: bad hex rights '0xG' at offset 6", 6),
                arguments("D:(A;;0x2GA;;;WD)", "SDDL: bad hex rights '0x2GA' at offset 6", 6),
                arguments("D:(A;XX;GA;;;WD)", "SDDL: unsupported ACE flag 'XX' at offset 5", 5),
                arguments("D:(A;CIX;GA;;;WD)", "SDDL: unsupported ACE flag 'X' at offset 7", 7),
                arguments("D:(A;;GA;;;XX)", "SDDL: bad trustee SID at offset 11: unknown SID 'XX': expected S-1-..."
                        + " or one of WD AU SY LS NS BA BU", 11),
                arguments("D:(A;;GA;;;AN)", "SDDL: bad trustee SID at offset 11: unknown SID 'AN'", 11),
                arguments("D:(A;;GA;;;S-1-5-x)",
                        "SDDL: bad trustee SID at offset 11: invalid SID 'S-1-5-x': sub-authority 'x' is not a decimal"
                                + " number", 11),
                arguments("D:(A;;GA;;;S-1-5-4294967296)", "SDDL: bad trustee SID at offset 11: invalid SID", 11),
                arguments("D:(A;;GA;;;)", "SDDL: missing trustee SID at offset 11", 11),
                arguments("O:XXD:", "SDDL: bad owner SID at offset 2: unknown SID 'XX'", 2),
                arguments("G:S-2-5-18", "SDDL: bad group SID at offset 2: invalid SID 'S-2-5-18': revision '2' is not 1", 2),
                arguments(" O:SY D:", "SDDL: bad owner SID at offset 3: unknown SID 'SY '", 3),
                arguments("O:D:", "SDDL: missing owner SID after 'O:' at offset 2", 2),
                arguments("G:", "SDDL: missing group SID after 'G:' at offset 2", 2),
                arguments("D:(A;;GA;;;WD", "SDDL: unterminated ACE: the '(' at offset 2 has no matching ')'", 2),
                arguments("D:(A;;GA;;;WD)(A;;GA;;;BA", "SDDL: unterminated ACE: the '(' at offset 14", 14),
                arguments("D:(A;;GA;;;WD))", "SDDL: unbalanced ')' at offset 14", 14),
                arguments("D:)", "SDDL: unexpected ')' in the DACL flags at offset 2", 2),
                arguments("D:A;;GA;;;WD)", "SDDL: unexpected 'A;;GA;;;WD)' in the DACL flags at offset 2", 2),
                arguments("D:X", "SDDL: unexpected 'X' in the DACL flags at offset 2 (expected P, AR, AI,"
                        + " NO_ACCESS_CONTROL or an ACE in parentheses)", 2),
                arguments("D:p", "SDDL: unexpected 'p' in the DACL flags at offset 2", 2),
                arguments("D:PP", "SDDL: DACL flag 'P' repeated at offset 3", 3),
                arguments("D:AIPAI", "SDDL: DACL flag 'AI' repeated at offset 5", 5),
                arguments("D:NO_ACCESS_CONTROLNO_ACCESS_CONTROL",
                        "SDDL: DACL flag 'NO_ACCESS_CONTROL' repeated at offset 19", 19),
                arguments("D:NO_ACCESS_CONTROL(A;;GA;;;WD)",
                        "SDDL: a NULL DACL (NO_ACCESS_CONTROL) cannot have ACEs ('(' at offset 19)", 19),
                arguments("D:(A;;GA;;WD)", "SDDL: the ACE at offset 2 has 5 fields, expected 6"
                        + " (type;flags;rights;object_guid;inherit_object_guid;sid)", 2),
                arguments("D:(A)", "SDDL: the ACE at offset 2 has 1 field, expected 6", 2),
                arguments("O:SYO:BA", "SDDL: duplicate 'O:' at offset 4 (each component may appear once)", 4),
                arguments("G:SYG:SY", "SDDL: duplicate 'G:' at offset 4", 4),
                arguments("D:D:", "SDDL: duplicate 'D:' at offset 2", 2),
                arguments("D:(A;;GA;;;WD)D:(A;;GA;;;BA)", "SDDL: duplicate 'D:' at offset 14", 14),
                arguments("D:(A;;GA;;;WD)xyz", "SDDL: unexpected 'xyz' after the DACL at offset 14", 14),
                arguments("D:(A;;GA;;;WD)P", "SDDL: unexpected 'P' after the DACL at offset 14", 14),
                arguments("D:(A;;GA;;;WD) (A;;GA;;;BA)", "SDDL: unexpected ' (A;;GA;;;BA)' after the DACL at offset 14",
                        14),
                arguments("", "SDDL: empty descriptor", 0),
                arguments(" \t\n", "SDDL: empty descriptor", 0),
                arguments("X:SY", "SDDL: unexpected 'X:SY' at offset 0 (expected O:, G: or D:)", 0),
                arguments("SY", "SDDL: unexpected 'SY' at offset 0", 0),
                arguments("o:SY", "SDDL: unexpected 'o:SY' at offset 0", 0),
                arguments("(A;;GA;;;WD)", "SDDL: unexpected '(A;;GA;;;WD)' at offset 0", 0));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("refused")
    void refusedConstructsNameTheOffendingPartAndItsOffset(String sddl, String fragment, int offset) {
        SddlException e = assertThrows(SddlException.class, () -> Sddl.parse(sddl));
        assertTrue(e.getMessage().startsWith(fragment), () -> "message was: " + e.getMessage());
        assertEquals(offset, e.offset(), () -> "message was: " + e.getMessage());
    }

    @Test
    void sddlExceptionIsAnIllegalArgumentException() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sddl.parse("S:"));
        assertTrue(e instanceof SddlException);
    }

    @Nested
    class HostileInput {

        @Test
        void aStringLongerThan65536CharactersIsRefusedBeforeItIsRead() {
            String tooLong = "D:" + "(A;;GA;;;WD)".repeat(6000);
            SddlException e = assertThrows(SddlException.class, () -> Sddl.parse(tooLong));
            assertEquals("SDDL: descriptor too long: 72002 characters, the limit is 65536 (offset 65536)",
                    e.getMessage());
            assertEquals(65_536, e.offset());
        }

        @Test
        void exactly65536CharactersAreRead() {
            String body = "D:" + "(A;;GA;;;WD)".repeat(5461);
            String atLimit = body + " ".repeat(65_536 - body.length());
            assertEquals(65_536, atLimit.length());
            assertEquals(5461, ((Dacl.Present) Sddl.parse(atLimit).dacl()).acl().aces().size());
        }

        @Test
        void hugeFieldsGiveShortMessages() {
            String sddl = "D:(A;;GA;;;S-1-5-" + "9".repeat(60_000) + ")";
            SddlException e = assertThrows(SddlException.class, () -> Sddl.parse(sddl));
            assertTrue(e.getMessage().length() < 300, e.getMessage());
            String type = "D:(" + "Q".repeat(60_000) + ";;GA;;;WD)";
            SddlException typeError = assertThrows(SddlException.class, () -> Sddl.parse(type));
            assertTrue(typeError.getMessage().length() < 300, typeError.getMessage());
        }

        @Test
        void deeplyNestedParenthesesAreRefusedWithoutRecursion() {
            String nested = "D:" + "(".repeat(30_000) + ")".repeat(30_000);
            SddlException e = assertThrows(SddlException.class, () -> Sddl.parse(nested));
            assertTrue(e.getMessage().startsWith("SDDL: conditional ACEs are not supported"), e.getMessage());
        }

        @ParameterizedTest(name = "seed {0}")
        @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
        void mutatedStringsEitherParseAndRoundTripOrThrowSddlException(long seed) {
            Random random = new Random(seed);
            String alphabet = "()-;:0123456789xXOGDSAPINRWCFTKQ_ ys";
            List<String> accepted = new ArrayList<>(ACCEPTED);
            for (int i = 0; i < 1500; i++) {
                StringBuilder s = new StringBuilder(accepted.get(random.nextInt(accepted.size())));
                int edits = 1 + random.nextInt(3);
                for (int k = 0; k < edits; k++) {
                    int at = s.length() == 0 ? 0 : random.nextInt(s.length());
                    switch (random.nextInt(4)) {
                        case 0 -> {
                            if (s.length() > 0) {
                                s.deleteCharAt(at);
                            }
                        }
                        case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        case 2 -> s.setLength(at);
                        default -> {
                            if (s.length() > 0) {
                                s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                            }
                        }
                    }
                }
                String input = s.toString();
                try {
                    SecurityDescriptor d = Sddl.parse(input);
                    String printed = Sddl.print(d);
                    assertEquals(d, Sddl.parse(printed), input);
                    assertEquals(printed, Sddl.print(Sddl.parse(printed)), input);
                } catch (SddlException expected) {
                    assertTrue(expected.getMessage().startsWith("SDDL: "), expected.getMessage());
                    assertTrue(expected.offset() >= 0 && expected.offset() <= input.length(),
                            () -> input + " -> " + expected.getMessage());
                } catch (RuntimeException other) {
                    fail("'" + input + "' threw " + other, other);
                }
            }
        }
    }

    @Test
    void nullIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> Sddl.parse(null));
    }
}
