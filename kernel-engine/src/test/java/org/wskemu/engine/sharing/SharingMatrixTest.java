package org.wskemu.engine.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wskemu.api.AddressKind;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SharingOption;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.api.sharing.SharingCell;

class SharingMatrixTest {

    private static final List<String> AXIS_LABELS = List.of("NONE W", "NONE S", "REUSE W", "REUSE S", "EXCL W", "EXCL S");

    @Test
    void axesAreInTheTablesOrder() {
        List<SharingMatrix.Axis> axes = SharingMatrix.axes();

        assertEquals(AXIS_LABELS, axes.stream().map(SharingMatrix.Axis::text).toList());
        assertEquals(new SharingMatrix.Axis(SharingOption.SO_EXCLUSIVEADDRUSE, AddressKind.SPECIFIC), axes.get(5));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProfileId.class)
    void decideGives36CellsMatchingTheProfileTable(ProfileId id) {
        SharingProfile profile = SharingProfile.of(id);
        List<SharingMatrix.Axis> axes = SharingMatrix.axes();

        List<List<SharingMatrix.Cell>> rows = SharingMatrix.decide(profile);

        assertEquals(6, rows.size());
        int cells = 0;
        for (int r = 0; r < 6; r++) {
            assertEquals(6, rows.get(r).size(), "row " + r);
            for (int c = 0; c < 6; c++) {
                SharingMatrix.Cell cell = rows.get(r).get(c);
                SharingMatrix.Axis first = axes.get(r);
                SharingMatrix.Axis second = axes.get(c);
                String where = id + ": first " + first.text() + " then second " + second.text();
                assertEquals(first, new SharingMatrix.Axis(cell.firstOption(), cell.firstKind()), where);
                assertEquals(second, new SharingMatrix.Axis(cell.secondOption(), cell.secondKind()), where);
                assertEquals(profile.cell(first.option(), first.kind(), second.option(), second.kind()), cell.cell(), where);
                if (cell.cell() == SharingCell.CHECK) {
                    assertEquals(NtStatus.SUCCESS, cell.whenGranted(), where + " granted");
                    assertEquals(NtStatus.ACCESS_DENIED, cell.whenRefused(), where + " refused");
                } else {
                    assertEquals(cell.cell().status(id), cell.whenGranted(), where);
                    assertEquals(cell.cell().status(id), cell.whenRefused(), where + ": the descriptor does not matter");
                }
                cells++;
            }
        }
        assertEquals(36, cells);
    }

    @Test
    void cellTextShowsBothOutcomesOnlyForCheckCells() {
        SharingMatrix.Cell check = new SharingMatrix.Cell(SharingOption.NONE, AddressKind.WILDCARD, SharingOption.NONE,
                AddressKind.SPECIFIC, SharingCell.CHECK, NtStatus.SUCCESS, NtStatus.ACCESS_DENIED);
        SharingMatrix.Cell inUse = new SharingMatrix.Cell(SharingOption.NONE, AddressKind.WILDCARD, SharingOption.NONE,
                AddressKind.WILDCARD, SharingCell.INUSE, NtStatus.ADDRESS_ALREADY_EXISTS, NtStatus.ADDRESS_ALREADY_EXISTS);

        assertEquals("CHECK: SUCCESS / DENIED", check.text());
        assertEquals("INUSE", inUse.text());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ProfileId.class, names = {"WSK", "WIN32"})
    void checkCellsAreExactlyTheDocumentedFive(ProfileId id) {
        List<String> checks = SharingMatrix.decide(SharingProfile.of(id)).stream().flatMap(List::stream)
                .filter(c -> c.cell() == SharingCell.CHECK)
                .map(c -> c.firstOption().shortName() + " " + c.firstKind().letter() + " -> "
                        + c.secondOption().shortName() + " " + c.secondKind().letter())
                .toList();

        // SPEC.md 6: a specific second bind on a wildcard the first holds with NONE or SO_REUSEADDR
        assertEquals(List.of("NONE W -> NONE S", "NONE W -> REUSE S", "NONE W -> EXCL S",
                "REUSE W -> NONE S", "REUSE W -> EXCL S"), checks);
    }

    @Test
    void win32LegacyHasNoCheckCell() {
        assertTrue(SharingMatrix.decide(SharingProfile.of(ProfileId.WIN32_LEGACY)).stream().flatMap(List::stream)
                .noneMatch(c -> c.cell() == SharingCell.CHECK));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProfileId.class)
    void renderNamesTheProfileAndEveryAxis(ProfileId id) {
        String text = SharingMatrix.render(SharingProfile.of(id));

        assertTrue(text.contains("Profile " + id.label()), text);
        for (String label : AXIS_LABELS) {
            assertTrue(text.contains(label), label + " in\n" + text);
            assertTrue(text.lines().anyMatch(line -> line.startsWith(label)), "a row for " + label + " in\n" + text);
        }
        assertEquals(6, text.lines().filter(line -> AXIS_LABELS.stream().anyMatch(line::startsWith)).count(), text);
    }

    @Test
    void wskRenderShowsBothOutcomesOfItsCheckCells() {
        String text = SharingMatrix.render(SharingProfile.of(ProfileId.WSK));

        assertTrue(text.contains("CHECK: SUCCESS / DENIED"), text);
        assertTrue(text.contains("INUSE") && text.contains("DENIED") && text.contains("SUCCESS"), text);
    }

    @Test
    void win32LegacyRenderHasNoCheckAtAll() {
        String text = SharingMatrix.render(SharingProfile.of(ProfileId.WIN32_LEGACY));

        assertFalse(text.contains("CHECK"), text);
        assertTrue(text.contains("INUSE") && text.contains("DENIED") && text.contains("SUCCESS"), text);
    }
}
