package org.wskemu.api;

import java.util.Locale;

/**
 * The address family of a socket. IPv4 and IPv6 are separate name spaces in this version: an
 * IPv6 socket behaves as IPV6_V6ONLY ([emulator choice], SPEC.md 2).
 */
public enum AddressFamily {
    /** IPv4, {@code AF_INET} 2; written {@code inet}. */
    INET("inet", 2),
    /** IPv6, {@code AF_INET6} 23; written {@code inet6}. */
    INET6("inet6", 23);

    private final String label;
    private final int afValue;

    AddressFamily(String label, int afValue) {
        this.label = label;
        this.afValue = afValue;
    }

    /** {@return the name used in session files and output: {@code inet} or {@code inet6}} */
    public String label() {
        return label;
    }

    /** {@return the Windows AF_ constant (AF_INET 2, AF_INET6 23)} */
    public int afValue() {
        return afValue;
    }

    /**
     * Parses a family as session files write it.
     *
     * @param text {@code inet} or {@code inet6}, in any letter case
     * @return the family, never null
     * @throws IllegalArgumentException naming the text when it is neither {@code inet} nor {@code inet6}
     */
    public static AddressFamily parse(String text) {
        for (AddressFamily family : values()) {
            if (family.label.equals(text.toLowerCase(Locale.ROOT))) {
                return family;
            }
        }
        throw new IllegalArgumentException("unknown address family '" + text + "' (expected inet or inet6)");
    }

    @Override
    public String toString() {
        return label;
    }
}
