package org.wskemu.engine.session;

import com.fasterxml.jackson.databind.JsonNode;
import org.wskemu.api.text.SafeText;

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

    /**
     * A whole message made safe to print as one line: control characters escaped, then the length
     * capped at {@link #MAX_MESSAGE}. (Capped before escaping, a message of control characters grew
     * to six times the cap, each one becoming {@code \\u0000}.) An escape or a surrogate pair is
     * never cut in two.
     */
    static String oneLine(String message) {
        // only the first MAX_MESSAGE characters can appear, whatever the message's length
        int looked = Math.min(message.length(), MAX_MESSAGE);
        StringBuilder out = new StringBuilder(looked + 8);
        int fits = -1; // the length of out when it last could still take "..."
        for (int i = 0; i < looked; i++) {
            char c = message.charAt(i);
            if (out.length() <= MAX_MESSAGE - 3) {
                fits = out.length();
            }
            boolean pair = Character.isHighSurrogate(c) && i + 1 < message.length()
                    && Character.isLowSurrogate(message.charAt(i + 1));
            if (pair) {
                out.append(c).append(message.charAt(++i));
            } else if (SafeText.isControl(c) || SafeText.isBidiOrSeparator(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
            if (out.length() > MAX_MESSAGE) {
                break;
            }
        }
        if (out.length() <= MAX_MESSAGE && looked == message.length()) {
            return out.toString();
        }
        if (out.length() <= MAX_MESSAGE - 3) {
            fits = out.length();
        }
        out.setLength(fits);
        return out.append("...").toString();
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
}
