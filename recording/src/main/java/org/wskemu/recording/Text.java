package org.wskemu.recording;

/** Text from a recording made safe to write into a comment or a message. */
final class Text {

    /** Longest excerpt of recorded text a comment or message carries. */
    static final int MAX_EXCERPT = 160;

    private Text() {
    }

    /**
     * {@code text} with every control or format character (a terminal escape, a bidi override, a line
     * break) replaced by {@code ?}, cut to {@value #MAX_EXCERPT} characters: output never passes a
     * control character from a recording to a terminal.
     */
    static String safe(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_EXCERPT + 3));
        for (int i = 0; i < text.length() && out.length() < MAX_EXCERPT; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean unsafe = Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE;
            out.append(unsafe ? '?' : c);
        }
        if (text.length() > MAX_EXCERPT) {
            out.append("...");
        }
        return out.toString();
    }
}
