package org.wskemu.api.sharing;

import org.wskemu.api.AddressFamily;
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
 * @param nameSpace    the name space the binding was consulted in (SPEC.md 6a); in events written before
 *                     dual-stack sockets existed it is absent and taken from the existing binding's address
 * @param dualStackExclusive whether this is SPEC.md 6a.3: a dual-stack wildcard binding with
 *                     SO_EXCLUSIVEADDRUSE, consulted by an {@code inet} bind, refuses it with
 *                     ACCESS_DENIED whatever the table's cell ({@code cell} is then DENIED)
 */
public record Consultation(Binding existing, int alike, SharingOption firstOption, AddressKind firstKind,
                           SharingOption secondOption, AddressKind secondKind, SharingCell cell,
                           AccessTrace trace, NtStatus outcome, AddressFamily nameSpace,
                           boolean dualStackExclusive) {

    /**
     * Fills in an absent name space from the existing binding.
     *
     * @param existing     the binding already holding the address
     * @param alike        how many further live bindings are equivalent to {@code existing}
     * @param firstOption  the existing binding's option
     * @param firstKind    the existing binding's address kind
     * @param secondOption the new socket's option
     * @param secondKind   the requested address kind
     * @param cell         the table cell
     * @param trace        the access-check trace when the cell is CHECK, else null
     * @param outcome      SUCCESS to go on, or the failure this binding causes
     * @param nameSpace    the name space consulted, or null for the existing binding's own
     * @param dualStackExclusive whether this is the SPEC.md 6a.3 refusal
     */
    public Consultation {
        if (nameSpace == null && existing != null) {
            nameSpace = existing.heldIn(null).family();
        }
    }

    /**
     * A consultation of the table in the existing binding's own name space, not SPEC.md 6a.3.
     *
     * @param existing     the binding already holding the address
     * @param alike        how many further live bindings are equivalent to {@code existing}
     * @param firstOption  the existing binding's option
     * @param firstKind    the existing binding's address kind
     * @param secondOption the new socket's option
     * @param secondKind   the requested address kind
     * @param cell         the table cell
     * @param trace        the access-check trace when the cell is CHECK, else null
     * @param outcome      SUCCESS to go on, or the failure this binding causes
     */
    public Consultation(Binding existing, int alike, SharingOption firstOption, AddressKind firstKind,
                        SharingOption secondOption, AddressKind secondKind, SharingCell cell,
                        AccessTrace trace, NtStatus outcome) {
        this(existing, alike, firstOption, firstKind, secondOption, secondKind, cell, trace, outcome, null, false);
    }

    /**
     * {@return the cell as text: {@code first REUSE W then second NONE S -> CHECK (granted)}}; for SPEC.md 6a.3
     * {@code first EXCL W (dual-stack) then second NONE S in inet -> DENIED (dual-stack SO_EXCLUSIVEADDRUSE)}
     */
    public String describeCell() {
        if (dualStackExclusive) {
            return "first " + firstOption.shortName() + " " + firstKind.letter() + " (dual-stack) then second "
                    + secondOption.shortName() + " " + secondKind.letter() + " in inet -> DENIED"
                    + " (a dual-stack wildcard binding with SO_EXCLUSIVEADDRUSE refuses every inet bind)";
        }
        String result = cell.name();
        if (cell == SharingCell.CHECK) {
            result += outcome.isSuccess() ? " (granted)" : " (refused)";
        }
        return "first " + firstOption.shortName() + " " + firstKind.letter()
                + " then second " + secondOption.shortName() + " " + secondKind.letter() + " -> " + result;
    }
}
