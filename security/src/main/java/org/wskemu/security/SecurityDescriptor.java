package org.wskemu.security;

import java.util.Objects;
import java.util.Set;

/**
 * A security descriptor as SDDL writes it: owner, primary group and DACL, each optional (SACLs are
 * not supported, SPEC.md 4); the DACL is absent, NULL or an ACL ({@link Dacl}).
 *
 * <p>A descriptor with neither owner, group nor DACL is refused ({@link IllegalArgumentException}),
 * as the SDDL parser refuses the empty string, so that every descriptor prints to a string that
 * parses back to it [emulator choice].
 *
 * @param owner the owner SID, or null if absent
 * @param group the primary group SID, or null if absent
 * @param dacl  the DACL: {@link Dacl#ABSENT}, a {@link Dacl.Null} or a {@link Dacl.Present}
 */
public record SecurityDescriptor(Sid owner, Sid group, Dacl dacl) {

    /**
     * Checks the parts.
     *
     * @param owner the owner SID, or null
     * @param group the primary group SID, or null
     * @param dacl  the DACL, never null ({@link Dacl#ABSENT} for none)
     * @throws IllegalArgumentException if nothing is present
     */
    public SecurityDescriptor {
        Objects.requireNonNull(dacl, "dacl");
        if (owner == null && group == null && dacl instanceof Dacl.Absent) {
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
        return new SecurityDescriptor(Objects.requireNonNull(owner, "owner"), null, new Dacl.Present(Set.of(), Acl.EMPTY));
    }

    /**
     * {@return {@code O:<owner>D:(A;;<mask>;;;<trustee>)}}
     *
     * @param owner   the owner
     * @param mask    the rights allowed
     * @param trustee who is allowed them
     */
    public static SecurityDescriptor allowing(Sid owner, AccessMask mask, Sid trustee) {
        return new SecurityDescriptor(Objects.requireNonNull(owner, "owner"), null,
                new Dacl.Present(Set.of(), Acl.of(Ace.allow(mask, trustee))));
    }

    /** {@return whether the descriptor has a DACL, NULL or not (SE_DACL_PRESENT)} */
    public boolean daclPresent() {
        return !(dacl instanceof Dacl.Absent);
    }

    /** {@return the DACL control flags, in {@link DaclFlag} order (none when the DACL is absent)} */
    public Set<DaclFlag> daclFlags() {
        return dacl.flags();
    }

    /** {@return whether the DACL is present and NULL ({@code D:NO_ACCESS_CONTROL})} */
    public boolean isNullDacl() {
        return dacl instanceof Dacl.Null;
    }

    /** {@return whether the DACL is present and has no ACEs ({@code D:})} */
    public boolean isEmptyDacl() {
        return dacl instanceof Dacl.Present present && present.acl().isEmpty();
    }
}
