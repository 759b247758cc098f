package org.wskemu.security;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An access control entry of a DACL.
 *
 * @param type  allow or deny, never null
 * @param flags the ACE flags; {@code null} means none; copied into an immutable set that iterates
 *              in {@link AceFlag} order
 * @param mask  the rights, never null; generic bits are mapped only at access-check time
 * @param sid   the trustee, never null
 */
public record Ace(AceType type, Set<AceFlag> flags, AccessMask mask, Sid sid) {

    /**
     * Checks the parts and copies the flags.
     *
     * @param type  allow or deny
     * @param flags the ACE flags, or null for none
     * @param mask  the rights
     * @param sid   the trustee
     */
    public Ace {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(sid, "sid");
        flags = immutableEnumSet(flags, AceFlag.class);
    }

    /**
     * {@return an allow ACE without flags}
     *
     * @param mask the rights allowed
     * @param sid  the trustee
     */
    public static Ace allow(AccessMask mask, Sid sid) {
        return new Ace(AceType.ALLOW, Set.of(), mask, sid);
    }

    /**
     * {@return a deny ACE without flags}
     *
     * @param mask the rights denied
     * @param sid  the trustee
     */
    public static Ace deny(AccessMask mask, Sid sid) {
        return new Ace(AceType.DENY, Set.of(), mask, sid);
    }

    /** {@return this ACE as an SDDL ACE string, for example {@code (A;;GA;;;SY)}} */
    public String toSddl() {
        StringBuilder out = new StringBuilder();
        SddlPrinter.ace(this, out);
        return out.toString();
    }

    static <E extends Enum<E>> Set<E> immutableEnumSet(Collection<E> elements, Class<E> type) {
        EnumSet<E> copy = EnumSet.noneOf(type);
        if (elements != null) {
            for (E element : elements) {
                copy.add(Objects.requireNonNull(element, "element"));
            }
        }
        return Collections.unmodifiableSet(copy);
    }
}
