package org.wskemu.security;

import java.util.Objects;

/**
 * How an object type maps the four generic rights to its standard and specific rights
 * (win32 "Generic Access Rights": "Each type of securable object maps these bits to a set of its
 * standard and object-specific access rights").
 *
 * <p>No component may be null or contain a generic bit ({@link IllegalArgumentException}).
 */
public record GenericMapping(AccessMask read, AccessMask write, AccessMask execute, AccessMask all) {

    /**
     * Checks no component is null or generic.
     *
     * @param read    what GENERIC_READ maps to
     * @param write   what GENERIC_WRITE maps to
     * @param execute what GENERIC_EXECUTE maps to
     * @param all     what GENERIC_ALL maps to
     */
    public GenericMapping {
        specific("read", read);
        specific("write", write);
        specific("execute", execute);
        specific("all", all);
    }

    /**
     * Replaces each generic bit of {@code m} by its mapping, keeps the standard and specific bits,
     * and clears the generic bits (what {@code MapGenericMask} does).
     *
     * @param m the mask to map
     * @return the mapped mask, without generic bits
     */
    public AccessMask map(AccessMask m) {
        AccessMask mapped = m.without(new AccessMask(AccessMask.GENERIC_BITS));
        if (m.intersects(AccessMask.GENERIC_READ)) {
            mapped = mapped.or(read);
        }
        if (m.intersects(AccessMask.GENERIC_WRITE)) {
            mapped = mapped.or(write);
        }
        if (m.intersects(AccessMask.GENERIC_EXECUTE)) {
            mapped = mapped.or(execute);
        }
        if (m.intersects(AccessMask.GENERIC_ALL)) {
            mapped = mapped.or(all);
        }
        return mapped;
    }

    private static void specific(String name, AccessMask mask) {
        Objects.requireNonNull(mask, name);
        if ((mask.bits() & AccessMask.GENERIC_BITS) != 0) {
            throw new IllegalArgumentException(
                    "generic mapping '" + name + "' " + mask.toHex() + " contains generic bits");
        }
    }
}
