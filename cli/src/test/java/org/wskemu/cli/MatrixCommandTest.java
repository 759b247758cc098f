package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code wskemu matrix}: the 6x6 table of the profile, decided live; rows are the first bind. */
class MatrixCommandTest {

    private static final List<String> KINDS = List.of("NONE W", "NONE S", "REUSE W", "REUSE S", "EXCL W", "EXCL S");

    @Test
    void win32SaysInUseForReuseSpecificThenNoneSpecific() {
        Cli.Result result = Cli.ok("matrix", "--profile", "win32");
        assertTrue(result.outLines().get(0).startsWith("Profile win32:"), result::toString);
        // Win32 "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE": first REUSE S, second NONE S = INUSE
        assertEquals("INUSE", cell(result, "REUSE S", "NONE S"));
    }

    @Test
    void wskSaysDeniedForTheSameCell() {
        Cli.Result result = Cli.ok("--store", "mem", "matrix");
        assertTrue(result.outLines().get(0).startsWith("Profile wsk:"), result::toString);
        // WDK "Sharing Transport Addresses": first REUSE S, second NONE S = DENIED
        assertEquals("DENIED", cell(result, "REUSE S", "NONE S"));
        assertEquals("CHECK: SUCCESS / DENIED", cell(result, "NONE W", "NONE S"));
        assertEquals("INUSE", cell(result, "EXCL W", "EXCL W"));
        assertEquals("SUCCESS", cell(result, "REUSE W", "REUSE S"));
    }

    @Test
    void profileBeforeTheCommandIsTheSameOption() {
        assertEquals(Cli.ok("matrix", "--profile", "win32").out(), Cli.ok("--profile", "win32", "matrix").out());
    }

    @Test
    void win32LegacyHasNoCheckCells() {
        Cli.Result result = Cli.ok("matrix", "--profile", "win32-legacy");
        for (String first : KINDS) {
            for (String second : KINDS) {
                assertFalse(cell(result, first, second).startsWith("CHECK"), first + " then " + second);
            }
        }
    }

    @Test
    void everyRowHasSixCellsUnderTheHeaderOfTheColumns() {
        Cli.Result result = Cli.ok("matrix");
        List<String> header = columns(result.outLines().get(1));
        assertEquals("first \\ second", header.get(0));
        assertEquals(KINDS, header.subList(1, 7));
        for (String first : KINDS) {
            assertEquals(7, columns(row(result, first)).size(), first);
        }
    }

    /** The cell of a row (first bind) and column (second bind). */
    private static String cell(Cli.Result result, String first, String second) {
        return columns(row(result, first)).get(1 + KINDS.indexOf(second));
    }

    private static String row(Cli.Result result, String first) {
        return result.outLines().stream().filter(l -> columns(l).get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first + " in\n" + result.out()));
    }

    private static List<String> columns(String line) {
        return Arrays.stream(line.split("\\|")).map(String::strip).toList();
    }
}
