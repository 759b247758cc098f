package org.wskemu.cli.session;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How offending values appear in fault messages. Session files are hostile input: a value is
 * shortened and its control characters escaped, so one fault is always one short line.
 */
final class FaultText {

    /** Longest excerpt of an offending value shown in a message. */
    static final int MAX_EXCERPT = 60;
    /** Longest message; the rest of a longer one (a parser's text) is cut. */
    static final int MAX_MESSAGE = 400;

    private FaultText() {
    }

    /** The text, shortened to {@link #MAX_EXCERPT} characters, control characters escaped. */
    static String excerpt(String text) {
        return oneLine(cut(text, MAX_EXCERPT));
    }

    /** A JSON value as it would be written (strings quoted), shortened. */
    static String excerpt(JsonNode node) {
        return oneLine(cut(node.toString(), MAX_EXCERPT));
    }

    /** A whole message made safe to print as one line: control characters escaped, length capped. */
    static String oneLine(String message) {
        String capped = cut(message, MAX_MESSAGE);
        StringBuilder out = null;
        for (int i = 0; i < capped.length(); i++) {
            char c = capped.charAt(i);
            boolean control = c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029'
                    || (Character.isSurrogate(c) && !pairedSurrogate(capped, i));
            if (control) {
                if (out == null) {
                    out = new StringBuilder(capped.length() + 8).append(capped, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? capped : out.toString();
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    private static boolean pairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
