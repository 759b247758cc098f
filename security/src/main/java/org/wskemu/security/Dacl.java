package org.wskemu.security;

import java.util.Objects;
import java.util.Set;

/**
 * A security descriptor's DACL part, one of three things SDDL tells apart:
 *
 * <ul>
 *   <li>{@link Absent}: the string has no {@code D:} part (SE_DACL_PRESENT clear). The access check
 *       grants, as for a NULL DACL (win32 "How AccessCheck Works": "If the object does not have a
 *       DACL, the system grants access").</li>
 *   <li>{@link Null}: {@code D:NO_ACCESS_CONTROL}, a NULL DACL; it grants everything.</li>
 *   <li>{@link Present}: an ACL, {@code D:} followed by its ACEs; without ACEs it grants nothing.</li>
 * </ul>
 */
public sealed interface Dacl permits Dacl.Absent, Dacl.Null, Dacl.Present {

    /** No DACL. */
    Dacl ABSENT = new Absent();

    /** {@return the DACL control flags, in {@link DaclFlag} order (none for an absent DACL)} */
    Set<DaclFlag> flags();

    /**
     * {@return a DACL of these flags and ACL}
     *
     * @param flags the control flags, or null for none
     * @param acl   the ACL, or null for a NULL DACL
     */
    static Dacl of(Set<DaclFlag> flags, Acl acl) {
        return acl == null ? new Null(flags) : new Present(flags, acl);
    }

    /** The descriptor has no DACL. */
    record Absent() implements Dacl {

        /** {@return no flags: an absent DACL has none} */
        @Override
        public Set<DaclFlag> flags() {
            return Set.of();
        }
    }

    /**
     * A NULL DACL ({@code D:NO_ACCESS_CONTROL}).
     *
     * @param flags the control flags; null means none; copied immutable, iterating in {@link DaclFlag} order
     */
    record Null(Set<DaclFlag> flags) implements Dacl {

        /**
         * Copies the flags.
         *
         * @param flags the control flags, or null for none
         */
        public Null {
            flags = Ace.immutableEnumSet(flags, DaclFlag.class);
        }
    }

    /**
     * A DACL with an ACL, maybe empty.
     *
     * @param flags the control flags; null means none; copied immutable, iterating in {@link DaclFlag} order
     * @param acl   the ACL, never null
     */
    record Present(Set<DaclFlag> flags, Acl acl) implements Dacl {

        /**
         * Copies the flags and checks the ACL is there.
         *
         * @param flags the control flags, or null for none
         * @param acl   the ACL
         */
        public Present {
            flags = Ace.immutableEnumSet(flags, DaclFlag.class);
            Objects.requireNonNull(acl, "acl");
        }
    }
}
