package org.wskemu.api;

/**
 * The level argument of WskControlSocket; the emulated options all live at SOL_SOCKET 0xFFFF.
 *
 * @param value the 32-bit level
 */
public record OptionLevel(int value) {

    public static final OptionLevel SOL_SOCKET = new OptionLevel(0xFFFF);

    public String displayName() {
        return equals(SOL_SOCKET) ? "SOL_SOCKET" : String.format("0x%X", value);
    }

    /** Parses {@code SOL_SOCKET} or a number (decimal, or hex {@code 0x...}). */
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
