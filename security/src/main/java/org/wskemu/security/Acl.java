package org.wskemu.security;

import java.util.List;
import java.util.Objects;

/**
 * An access control list: ACEs in the order the access check reads them.
 *
 * @param aces never null; copied into an immutable list (null elements throw
 *             {@link NullPointerException})
 */
public record Acl(List<Ace> aces) {

    /** The empty ACL: as a DACL it grants no access (win32 "Null DACLs and Empty DACLs"). */
    public static final Acl EMPTY = new Acl(List.of());

    /**
     * Copies the ACEs.
     *
     * @param aces the ACEs, in order
     */
    public Acl {
        aces = List.copyOf(Objects.requireNonNull(aces, "aces"));
    }

    /**
     * {@return an ACL of the given ACEs, in order}
     *
     * @param aces the ACEs
     */
    public static Acl of(Ace... aces) {
        return new Acl(List.of(aces));
    }

    /** {@return whether the ACL has no ACE} */
    public boolean isEmpty() {
        return aces.isEmpty();
    }
}
