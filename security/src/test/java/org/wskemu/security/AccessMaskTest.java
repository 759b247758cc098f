package org.wskemu.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessMaskTest {

    static final GenericMapping MAPPING = new GenericMapping(
            AccessMask.READ_CONTROL.or(new AccessMask(0x1)), new AccessMask(0x2), new AccessMask(0x20),
            AccessMask.FILE_ALL);

    @Test
    void constantsHaveTheDocumentedValues() {
        assertEquals(0x1000_0000, AccessMask.GENERIC_ALL.bits());
        assertEquals(0x2000_0000, AccessMask.GENERIC_EXECUTE.bits());
        assertEquals(0x4000_0000, AccessMask.GENERIC_WRITE.bits());
        assertEquals(0x8000_0000, AccessMask.GENERIC_READ.bits());
        assertEquals(0x0001_0000, AccessMask.DELETE.bits());
        assertEquals(0x0002_0000, AccessMask.READ_CONTROL.bits());
        assertEquals(0x0004_0000, AccessMask.WRITE_DAC.bits());
        assertEquals(0x0008_0000, AccessMask.WRITE_OWNER.bits());
        assertEquals(0x001F_01FF, AccessMask.FILE_ALL.bits());
        assertEquals(0x0012_0089, AccessMask.FILE_READ.bits());
        assertEquals(0x0012_0116, AccessMask.FILE_WRITE.bits());
        assertEquals(0x0012_00A0, AccessMask.FILE_EXECUTE.bits());
    }

    @Test
    void setOperationsTreatTheMaskAsUnsigned() {
        AccessMask readWrite = AccessMask.GENERIC_READ.or(AccessMask.GENERIC_WRITE);
        assertEquals(0xC000_0000, readWrite.bits());
        assertTrue(readWrite.intersects(AccessMask.GENERIC_READ));
        assertFalse(readWrite.intersects(AccessMask.GENERIC_ALL));
        assertTrue(readWrite.containsAll(AccessMask.GENERIC_WRITE));
        assertFalse(AccessMask.GENERIC_WRITE.containsAll(readWrite));
        assertTrue(readWrite.containsAll(AccessMask.NONE));
        assertEquals(AccessMask.GENERIC_READ, readWrite.without(AccessMask.GENERIC_WRITE));
        assertEquals(AccessMask.GENERIC_WRITE, readWrite.and(AccessMask.GENERIC_WRITE));
        assertTrue(AccessMask.NONE.isEmpty());
        assertFalse(readWrite.isEmpty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 0x00000000",
        "2, 0x00000002",
        "2032127, 0x001F01FF",
        "-2147483648, 0x80000000",
        "-1, 0xFFFFFFFF",
    })
    void toHexPrintsEightUpperCaseDigits(int bits, String hex) {
        assertEquals(hex, new AccessMask(bits).toHex());
        assertEquals(hex, new AccessMask(bits).toString());
    }

    @ParameterizedTest(name = "map {0} -> {1}")
    @CsvSource({
        "0x80000000, 0x00020001",
        "0x40000000, 0x00000002",
        "0x20000000, 0x00000020",
        "0x10000000, 0x001F01FF",
        "0xC0000000, 0x00020003",
        "0x40000004, 0x00000006",
        "0x00000004, 0x00000004",
        "0x00000000, 0x00000000",
        "0xF0000000, 0x001F01FF",
    })
    void mapReplacesGenericBitsAndKeepsTheRest(String in, String out) {
        AccessMask mapped = MAPPING.map(new AccessMask(Integer.parseUnsignedInt(in.substring(2), 16)));
        assertEquals(out, mapped.toHex());
    }

    @Test
    void aMappingMayNotContainGenericBits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GenericMapping(
                AccessMask.GENERIC_READ, AccessMask.NONE, AccessMask.NONE, AccessMask.NONE));
        assertEquals("generic mapping 'read' 0x80000000 contains generic bits", e.getMessage());
        assertThrows(NullPointerException.class,
                () -> new GenericMapping(AccessMask.NONE, null, AccessMask.NONE, AccessMask.NONE));
    }
}
