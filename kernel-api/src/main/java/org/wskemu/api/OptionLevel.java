package org.wskemu.api;

/**
 * The level argument of WskControlSocket; the emulated options all live at SOL_SOCKET 0xFFFF.
 *
 * @param value the 32-bit level
 */
public record OptionLevel(int value) {

    /** SOL_SOCKET, 0xFFFF: the level of every emulated option. */
    public static final OptionLevel SOL_SOCKET = new OptionLevel(0xFFFF);

    /** {@return {@code SOL_SOCKET}, or the level in hex} */
    public String displayName() {
        return equals(SOL_SOCKET) ? "SOL_SOCKET" : String.format("0x%X", value);
    }

    /**
     * Parses {@code SOL_SOCKET} or a number (decimal, or hex {@code 0x...}).
     *
     * @param text the level as text
     * @return the level
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static OptionLevel parse(String text) {
        if (text.equalsIgnoreCase("SOL_SOCKET")) {
            return SOL_SOCKET;
        }
        try {
            return new OptionLevel(Numbers.parse32(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown level '" + text + "' (expected SOL_SOCKET or a number)");
        }
    }

    @Override
    public String toString() {
        return displayName();
    }
}
