package org.wskemu.api.sharing;

import org.wskemu.api.AddressKind;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SharingOption;
import org.wskemu.security.AccessTrace;

/**
 * One overlapping binding consulted by a bind decision, with the table cell used
 * ("first ... then second ... -> result") and, for a CHECK cell, the access-check trace.
 *
 * @param existing     the binding already holding the address (the first bind)
 * @param alike        how many further live bindings on the port are equivalent to {@code existing}
 *                     (same option, address and descriptor) and so give the same outcome
 * @param firstOption  the existing binding's option
 * @param firstKind    the existing binding's address kind
 * @param secondOption the new socket's option
 * @param secondKind   the requested address kind
 * @param cell         the table cell
 * @param trace        the access-check trace when the cell is CHECK, else null
 * @param outcome      SUCCESS to go on, or the failure this binding causes
 */
public record Consultation(Binding existing, int alike, SharingOption firstOption, AddressKind firstKind,
                           SharingOption secondOption, AddressKind secondKind, SharingCell cell,
                           AccessTrace trace, NtStatus outcome) {

    /** {@return the cell as text: {@code first REUSE W then second NONE S -> CHECK (granted)}} */
    public String describeCell() {
        String result = cell.name();
        if (cell == SharingCell.CHECK) {
            result += outcome.isSuccess() ? " (granted)" : " (refused)";
        }
        return "first " + firstOption.shortName() + " " + firstKind.letter()
                + " then second " + secondOption.shortName() + " " + secondKind.letter() + " -> " + result;
    }
}
