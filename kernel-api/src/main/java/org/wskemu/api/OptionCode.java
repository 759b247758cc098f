package org.wskemu.api;

import java.util.Locale;

/**
 * A socket option control code as passed to WskControlSocket (SPEC.md 5): SO_REUSEADDR
 * 0x0004, SO_EXCLUSIVEADDRUSE ~SO_REUSEADDR (0xFFFFFFFB), SO_WSK_SECURITY 0x4001 (all at
 * SOL_SOCKET), IPV6_V6ONLY 27 (at IPPROTO_IPV6). Any other code is representable and answered
 * NOT_SUPPORTED.
 *
 * @param code the 32-bit control code
 */
public record OptionCode(int code) {

    /** SO_REUSEADDR, 0x0004: lets a socket share an address (SPEC.md 4). */
    public static final OptionCode SO_REUSEADDR = new OptionCode(0x0004);
    /** SO_EXCLUSIVEADDRUSE, ~SO_REUSEADDR (0xFFFFFFFB): forbids any sharing of the socket's address. */
    public static final OptionCode SO_EXCLUSIVEADDRUSE = new OptionCode(~0x0004);
    /** SO_WSK_SECURITY, 0x4001: attaches a security descriptor to the socket. */
    public static final OptionCode SO_WSK_SECURITY = new OptionCode(0x4001);
    /** IPV6_V6ONLY, 27 at IPPROTO_IPV6: an IPv6 socket takes IPv6 addresses only. */
    public static final OptionCode IPV6_V6ONLY = new OptionCode(27);

    /** {@return whether this is one of the two sharing options, whose value is a ULONG} */
    public boolean isSharingOption() {
        return equals(SO_REUSEADDR) || equals(SO_EXCLUSIVEADDRUSE);
    }

    /** {@return whether the emulator implements this option; any other is answered NOT_SUPPORTED} */
    public boolean isKnown() {
        return isSharingOption() || equals(SO_WSK_SECURITY) || equals(IPV6_V6ONLY);
    }

    /** {@return whether the option's value is an integer read from the input buffer: the sharing options and IPV6_V6ONLY} */
    public boolean takesValue() {
        return isSharingOption() || equals(IPV6_V6ONLY);
    }

    /** {@return the level a known option lives at (SPEC.md 5): IPPROTO_IPV6 for IPV6_V6ONLY, else SOL_SOCKET} */
    public OptionLevel level() {
        return equals(IPV6_V6ONLY) ? OptionLevel.IPPROTO_IPV6 : OptionLevel.SOL_SOCKET;
    }

    /** {@return the symbolic name, or the hex code ({@code 0x%08X}) for an unknown option} */
    public String displayName() {
        if (equals(SO_REUSEADDR)) {
            return "SO_REUSEADDR";
        }
        if (equals(SO_EXCLUSIVEADDRUSE)) {
            return "SO_EXCLUSIVEADDRUSE";
        }
        if (equals(SO_WSK_SECURITY)) {
            return "SO_WSK_SECURITY";
        }
        if (equals(IPV6_V6ONLY)) {
            return "IPV6_V6ONLY";
        }
        return String.format("0x%08X", code);
    }

    /**
     * Parses an option name or number (decimal, or hex {@code 0x...}).
     *
     * @param text a known option's name in any letter case, or a 32-bit number
     * @return the option code, never null
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static OptionCode parse(String text) {
        switch (text.toUpperCase(Locale.ROOT)) {
            case "SO_REUSEADDR":
                return SO_REUSEADDR;
            case "SO_EXCLUSIVEADDRUSE":
                return SO_EXCLUSIVEADDRUSE;
            case "SO_WSK_SECURITY":
                return SO_WSK_SECURITY;
            case "IPV6_V6ONLY":
                return IPV6_V6ONLY;
            default:
                try {
                    return new OptionCode(Numbers.parse32(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown option '" + text
                            + "' (expected SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, SO_WSK_SECURITY, IPV6_V6ONLY or a number)");
                }
        }
    }

    @Override
    public String toString() {
        return displayName();
    }
}
