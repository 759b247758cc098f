package org.wskemu.security;

/**
 * The SDDL reader and writer for the subset SPEC.md 4 accepts (win32 "Security Descriptor String
 * Format", "ACE Strings", "SID Strings").
 *
 * <p>Accepted: {@code O:sid}, {@code G:sid} and {@code D:flags(ace)(ace)...}, each at most once, in
 * any order; DACL flags {@code P}, {@code AR}, {@code AI} and {@code NO_ACCESS_CONTROL} (a NULL
 * DACL, which then takes no ACEs); ACEs {@code (type;flags;rights;;;sid)} with type {@code A} or
 * {@code D}; rights as {@code GA GR GW GX RC SD WD WO FA FR FW FX} tokens or one {@code 0x} hex
 * number of 1 to 8 digits; SIDs as {@code S-1-...} or the aliases of {@link Sid#parse(String)}.
 * Whitespace is allowed only at the ends of the whole string. Everything else, including SACLs,
 * object ACEs and conditional ACEs, is refused with an {@link SddlException}.
 */
public final class Sddl {

    /** The longest string the parser reads, so that hostile input cannot make it allocate without bound. */
    public static final int MAX_LENGTH = 65_536;

    private Sddl() {
    }

    /**
     * Reads a security descriptor string.
     *
     * @param s the SDDL string
     * @return the descriptor
     * @throws SddlException naming what is wrong, the offending part and its offset
     * @throws NullPointerException if {@code s} is null
     */
    public static SecurityDescriptor parse(String s) throws SddlException {
        return SddlParser.parse(s);
    }

    /**
     * Writes the canonical string: {@code O:}, {@code G:}, then {@code D:} with its flags in the
     * order P AR AI and its ACEs; SIDs as their alias where they have one. For every descriptor
     * {@code d}, {@code parse(print(d)).equals(d)}, and printing a parsed canonical string gives it
     * back unchanged.
     *
     * @param d the descriptor
     * @return its canonical SDDL string
     */
    public static String print(SecurityDescriptor d) {
        return SddlPrinter.descriptor(d);
    }
}
