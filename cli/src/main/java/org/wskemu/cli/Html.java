package org.wskemu.cli;

/**
 * Escaping for the HTML report: every string that comes from input (labels, session file names,
 * reasons, descriptors) passes through {@link #text} before it reaches the page, in element content
 * and in double-quoted attribute values alike.
 */
final class Html {

    private Html() {
    }

    /**
     * {@code value} as HTML text, safe in element content and in a double-quoted attribute: the five
     * markup characters become references; a control character (C0 but tab and line feed, DEL, C1)
     * and a bidirectional override or isolate become visible {@code \}{@code uXXXX} text, so a label
     * can neither break the page nor reorder what the auditor reads; anything beyond ASCII becomes a
     * numeric reference, so the file is ASCII whatever encoding a terminal or viewer assumes; a lone
     * surrogate becomes U+FFFD.
     *
     * @param value any text, or null for {@code -}
     */
    static String text(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n' -> out.append((char) c);
                default -> {
                    if (isHidden(c)) {
                        out.append(String.format("\\u%04X", c));
                    } else if (Character.isSurrogate((char) c) && Character.charCount(c) == 1) {
                        out.append("&#xFFFD;");
                    } else if (c > 0x7E) {
                        out.append("&#x").append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)).append(';');
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Text of {@code value}'s string form; {@code -} for null. */
    static String text(Object value) {
        return text(value == null ? null : value.toString());
    }

    /** Control characters and the bidirectional formatting characters (Unicode TR #9) that reorder text. */
    private static boolean isHidden(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C;
    }
}
