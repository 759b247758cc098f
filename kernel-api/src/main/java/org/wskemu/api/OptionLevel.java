package org.wskemu.api;

/**
 * The level argument of WskControlSocket: SOL_SOCKET 0xFFFF for the sharing options and
 * SO_WSK_SECURITY, IPPROTO_IPV6 41 for IPV6_V6ONLY (SPEC.md 5).
 *
 * @param value the 32-bit level
 */
public record OptionLevel(int value) {

    /** SOL_SOCKET, 0xFFFF: the level of every emulated option. */
    public static final OptionLevel SOL_SOCKET = new OptionLevel(0xFFFF);
    /** IPPROTO_IPV6, 41: the level of IPV6_V6ONLY. */
    public static final OptionLevel IPPROTO_IPV6 = new OptionLevel(41);

    /** {@return {@code SOL_SOCKET}, or the level in hex} */
    public String displayName() {
        if (equals(SOL_SOCKET)) {
            return "SOL_SOCKET";
        }
        return equals(IPPROTO_IPV6) ? "IPPROTO_IPV6" : String.format("0x%X", value);
    }

    /**
     * Parses {@code SOL_SOCKET}, {@code IPPROTO_IPV6} or a number (decimal, or hex {@code 0x...}).
     *
     * @param text the level's name in any letter case, or a 32-bit number
     * @return the level, never null
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static OptionLevel parse(String text) {
        if (text.equalsIgnoreCase("SOL_SOCKET")) {
            return SOL_SOCKET;
        }
        if (text.equalsIgnoreCase("IPPROTO_IPV6")) {
            return IPPROTO_IPV6;
        }
        try {
            return new OptionLevel(Numbers.parse32(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown level '" + text + "' (expected SOL_SOCKET, IPPROTO_IPV6 or a number)");
        }
    }

    @Override
    public String toString() {
        return displayName();
    }
}
