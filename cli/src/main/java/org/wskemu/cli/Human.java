package org.wskemu.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.wskemu.api.text.SafeText;

/**
 * Human-readable lines: every one goes out through {@link SafeText#escape}, so that text from a
 * session file or a store (a label with an ESC sequence or a newline) can neither drive the
 * terminal nor forge a line.
 */
final class Human {

    private Human() {
    }

    /** Prints one line, escaped. */
    static void line(PrintWriter out, String line) {
        out.println(SafeText.escape(line));
    }

    /** Prints one formatted line (no {@code %n}), escaped as a whole. */
    static void line(PrintWriter out, String format, Object... args) {
        out.println(SafeText.escape(String.format(Locale.ROOT, format, args)));
    }
}
