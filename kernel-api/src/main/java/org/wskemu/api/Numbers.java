package org.wskemu.api;

/**
 * Strict parsing of the numbers session files and command lines write: ASCII digits only (no
 * full-width or other Unicode digits that {@link Integer#parseInt} would accept, no plus sign),
 * decimal (optionally negative, as C code writes {@code ~SO_REUSEADDR}) or {@code 0x} hex, in 32 bits.
 */
final class Numbers {

    private Numbers() {
    }

    /**
     * Parses {@code 123}, {@code -5} or {@code 0x7B} as a 32-bit value (signed -2^31..-1 or unsigned
     * 0..2^32-1) held in an int.
     *
     * @throws NumberFormatException when the text is not such a number
     */
    static int parse32(String text) {
        if (text.length() > 1 && text.charAt(0) == '-') {
            int magnitude = parseUnsigned32(text.substring(1));
            if (magnitude < 0 || text.length() > 1 && text.charAt(1) == '0' && text.length() > 2) {
                throw new NumberFormatException(text);
            }
            return -magnitude;
        }
        return parseUnsigned32(text);
    }

    /**
     * Parses {@code 123} or {@code 0x7B} as an unsigned 32-bit value held in an int.
     *
     * @throws NumberFormatException when the text is not such a number
     */
    static int parseUnsigned32(String text) {
        boolean hex = text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
        String digits = hex ? text.substring(2) : text;
        if (digits.isEmpty() || digits.length() > (hex ? 8 : 10)) {
            throw new NumberFormatException(text);
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            boolean ok = c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
            if (!ok) {
                throw new NumberFormatException(text);
            }
        }
        return Integer.parseUnsignedInt(digits, hex ? 16 : 10);
    }

    /** Whether {@code text} is made only of ASCII letters, digits and underscores. */
    static boolean isAsciiName(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return !text.isEmpty();
    }
}
