package org.wskemu.api.text;

/**
 * The one escaping of input-derived text (labels, file names, reasons naming them) before it reaches
 * a terminal, a table or a spreadsheet: a session file is hostile input, and a label such as
 * {@code ESC[2J} or one with a newline must neither drive the terminal nor forge a row.
 *
 * <p>Escaped: the C0 controls (U+0000-001F), DEL and the C1 controls (U+0080-009F) as {@code \xHH};
 * the bidirectional overrides, embeddings and isolates (U+202A-202E, U+2066-2069), the marks
 * U+200E, U+200F and U+061C, the line and paragraph separators U+2028 and U+2029, and any surrogate
 * not part of a pair, as {@code \\uHHHH}; and the backslash itself as {@code \\\\}, so that a label
 * that is the text {@code \x1b} and a label holding an ESC stay apart. Everything else, other
 * scripts and emoji included, is shown as it is.
 *
 * <p>[emulator choice] the escapes are C's and Java's ({@code \x1b}, {@code \u202e}), lower-case hex:
 * what a developer reads as an escape, and never what a terminal reads as a sequence.
 */
public final class SafeText {

    private SafeText() {
    }

    /**
     * @param text any text, or null
     * @return the text with every character above escaped; null stays null
     */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (isControl(c)) {
                out.append("\\x").append(hex(c, 2));
            } else if (isBidiOrSeparator(c) || Character.isSurrogate(c)) {
                out.append("\\u").append(hex(c, 4));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether the text can be printed as it is.
     *
     * @param text the text, or null
     * @return whether {@link #escape} would leave the text unchanged (true for null)
     */
    public static boolean isSafe(String text) {
        return text == null || firstUnsafe(text) < 0;
    }

    /**
     * Whether {@code c} is a bidirectional control or a line separator.
     *
     * @param c a UTF-16 unit
     * @return whether it is a bidirectional control or a line separator that {@link #escape} shows as
     *     {@code \\uHHHH} (the JSON output escapes the same set)
     */
    public static boolean isBidiOrSeparator(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069'
                || c == '\u200E' || c == '\u200F' || c == '\u061C' || c == '\u2028' || c == '\u2029';
    }

    /**
     * Whether {@code c} is a control character.
     *
     * @param c a UTF-16 unit
     * @return whether it is a C0 control, DEL or a C1 control
     */
    public static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F;
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (c == '\\' || isControl(c) || isBidiOrSeparator(c) || Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String hex(char c, int digits) {
        String hex = Integer.toHexString(c);
        return "0".repeat(digits - hex.length()) + hex;
    }
}
