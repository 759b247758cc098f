package org.wskemu.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.wskemu.api.text.SafeText;

/**
 * CSV as SESSION-FORMAT.md's CLI section asks: RFC 4180 (fields with a comma or a quote are quoted,
 * quotes doubled, records end with CRLF), UTF-8 (the command line's output is UTF-8), and a cell a
 * spreadsheet would read as a formula, one starting with {@code =}, {@code +}, {@code -}, {@code @},
 * a tab or a carriage return, written with a leading {@code '}. Control and bidi characters are then
 * escaped by {@link SafeText} like in every other human-readable output, so a cell is one line.
 */
final class Csv {

    /** RFC 4180 section 2: each record is terminated by CRLF. */
    static final String RECORD_END = "\r\n";

    private Csv() {
    }

    /** Prints one record and its CRLF. */
    static void record(PrintWriter out, List<?> fields) {
        out.print(line(fields));
        out.print(RECORD_END);
    }

    /** One record without its line end. */
    static String line(List<?> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(","));
    }

    static String field(Object value) {
        String text = value == null ? "" : value.toString();
        // OWASP "CSV Injection": =, +, -, @, tab and CR start a formula in Excel, LibreOffice and Sheets.
        // The test is on the text as given, before escaping turns a tab into the text \x09.
        boolean formula = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
        String safe = (formula ? "'" : "") + SafeText.escape(text);
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
