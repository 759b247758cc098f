package org.wskemu.security;

import java.util.Objects;
import java.util.Set;

/**
 * A security descriptor as SDDL writes it: owner, primary group and DACL, each optional (SACLs are
 * not supported, SPEC.md 4).
 *
 * <ul>
 *   <li>{@code daclPresent == false}: the string has no {@code D:} part; {@code daclFlags} must be
 *       empty and {@code dacl} null. The access check grants, as for a NULL DACL (win32 "How
 *       AccessCheck Works": "If the object does not have a DACL, the system grants access").</li>
 *   <li>{@code daclPresent == true, dacl == null}: a NULL DACL, SDDL {@code D:NO_ACCESS_CONTROL};
 *       it grants everything.</li>
 *   <li>{@code daclPresent == true, dacl} without ACEs: an empty DACL, SDDL {@code D:}; it grants
 *       nothing.</li>
 * </ul>
 *
 * <p>A descriptor with neither owner, group nor DACL is refused ({@link IllegalArgumentException}),
 * as the SDDL parser refuses the empty string, so that every descriptor prints to a string that
 * parses back to it [emulator choice].
 *
 * @param owner       the owner SID, or null if absent
 * @param group       the primary group SID, or null if absent
 * @param daclPresent whether the descriptor has a DACL (SE_DACL_PRESENT)
 * @param daclFlags   the DACL control flags; {@code null} means none; copied immutable, iterating
 *                    in {@link DaclFlag} order
 * @param dacl        the DACL, or null for a NULL DACL or an absent one
 */
public record SecurityDescriptor(Sid owner, Sid group, boolean daclPresent, Set<DaclFlag> daclFlags, Acl dacl) {

    /**
     * Copies the flags and checks the parts agree.
     *
     * @param owner       the owner SID, or null
     * @param group       the primary group SID, or null
     * @param daclPresent whether there is a DACL
     * @param daclFlags   the DACL control flags, or null for none
     * @param dacl        the DACL, or null for a NULL or absent one
     * @throws IllegalArgumentException if an absent DACL has flags or ACEs, or nothing is present
     */
    public SecurityDescriptor {
        daclFlags = Ace.immutableEnumSet(daclFlags, DaclFlag.class);
        if (!daclPresent && (dacl != null || !daclFlags.isEmpty())) {
            throw new IllegalArgumentException("a descriptor without a DACL cannot have DACL flags or ACEs");
        }
        if (owner == null && group == null && !daclPresent) {
            throw new IllegalArgumentException("a security descriptor needs an owner, a group or a DACL");
        }
    }

    /**
     * Parses SDDL; see {@link Sddl#parse(String)}.
     *
     * @param sddl the SDDL string
     * @return the descriptor
     * @throws SddlException naming what is wrong and where
     */
    public static SecurityDescriptor parse(String sddl) {
        return Sddl.parse(sddl);
    }

    /** {@return the canonical SDDL string; see {@link Sddl#print(SecurityDescriptor)}} */
    public String toSddl() {
        return Sddl.print(this);
    }

    /**
     * {@code O:<owner>D:}: an owner and an empty DACL, the default descriptor that "does not permit
     * sharing" (SPEC.md 4).
     *
     * @param owner the owner
     * @return the descriptor
     */
    public static SecurityDescriptor ownerOnly(Sid owner) {
        return new SecurityDescriptor(Objects.requireNonNull(owner, "owner"), null, true, Set.of(), Acl.EMPTY);
    }

    /**
     * {@return {@code O:<owner>D:(A;;<mask>;;;<trustee>)}}
     *
     * @param owner   the owner
     * @param mask    the rights allowed
     * @param trustee who is allowed them
     */
    public static SecurityDescriptor allowing(Sid owner, AccessMask mask, Sid trustee) {
        return new SecurityDescriptor(Objects.requireNonNull(owner, "owner"), null, true, Set.of(),
                Acl.of(Ace.allow(mask, trustee)));
    }

    /** {@return whether the DACL is present and NULL ({@code D:NO_ACCESS_CONTROL})} */
    public boolean isNullDacl() {
        return daclPresent && dacl == null;
    }

    /** {@return whether the DACL is present and has no ACEs ({@code D:})} */
    public boolean isEmptyDacl() {
        return daclPresent && dacl != null && dacl.isEmpty();
    }
}
