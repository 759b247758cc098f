package org.wskemu.engine.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.AddressKind;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SharingOption;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.api.sharing.SharingCell;

/** The typed cell reads back every refusing cell's text exactly as the decision describes it. */
class DecidingCellTest {

    /** Every refusing cell: 3 x 2 x 3 x 2 option and kind pairs, each with INUSE, DENIED and a refused CHECK. */
    static Stream<Arguments> refusingCells() {
        List<Arguments> cells = new ArrayList<>();
        for (SharingOption first : SharingOption.values()) {
            for (AddressKind firstKind : AddressKind.values()) {
                for (SharingOption second : SharingOption.values()) {
                    for (AddressKind secondKind : AddressKind.values()) {
                        for (SharingCell result : List.of(SharingCell.INUSE, SharingCell.DENIED, SharingCell.CHECK)) {
                            NtStatus outcome = result == SharingCell.CHECK ? NtStatus.ACCESS_DENIED : result.status(org.wskemu.api.sharing.ProfileId.WSK);
                            Consultation consultation = new Consultation(null, 0, first, firstKind, second, secondKind,
                                    result, null, outcome);
                            cells.add(Arguments.of(consultation.describeCell(),
                                    new DecidingCell(first, firstKind, second, secondKind, result), consultation));
                        }
                    }
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusingCells")
    void theDescribedTextParsesToTheCell(String text, DecidingCell expected, Consultation consultation) {
        assertEquals(Optional.of(expected), DecidingCell.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusingCells")
    void theCellBuiltFromTheDecisionIsTheOneItsTextReadsBackTo(String text, DecidingCell expected,
                                                             Consultation consultation) {
        assertEquals(expected, DecidingCell.of(consultation));
    }

    @Test
    void aDualStackExclusiveRefusalIsTheDeniedCellOfItsOptionsAndKinds() {
        Consultation consultation = new Consultation(null, 0, SharingOption.SO_EXCLUSIVEADDRUSE, AddressKind.WILDCARD,
                SharingOption.NONE, AddressKind.SPECIFIC, SharingCell.SUCCESS, null, NtStatus.ACCESS_DENIED,
                AddressFamily.INET, true);
        DecidingCell expected = new DecidingCell(SharingOption.SO_EXCLUSIVEADDRUSE, AddressKind.WILDCARD,
                SharingOption.NONE, AddressKind.SPECIFIC, SharingCell.DENIED);

        assertEquals(expected, DecidingCell.of(consultation));
        assertEquals(Optional.of(expected), DecidingCell.parse(consultation.describeCell()), consultation.describeCell());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"first NONE W then second", "first MAYBE W then second NONE S -> DENIED",
            "first NONE X then second NONE S -> DENIED", "first NONE W then second NONE S -> MAYBE"})
    void textThatIsNoCellIsEmpty(String text) {
        assertEquals(Optional.empty(), DecidingCell.parse(text));
    }
}
