package org.wskemu.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a bench run: named values in sections (the JSON object, keys stable), and the rows of
 * the human table (figure, value, limit, ratio, target, met?).
 */
public final class BenchReport {

    /** One line of the human table; {@code ratio}, {@code target} and {@code met} may be null. */
    public record Row(String figure, String value, String limit, Double ratio, String target, Boolean met) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** The sections, in the order the JSON object lists them. */
    static final List<String> SECTIONS = List.of("run", "replay", "plainModel", "appendLimit", "rebuild", "seek", "crowdedPort",
            "explore", "report", "startup", "ratios", "targets");

    BenchReport() {
        SECTIONS.forEach(section -> sections.put(section, new LinkedHashMap<>()));
    }

    /** Sets {@code section.key}; numbers are rounded for print, never for comparisons. */
    BenchReport put(String section, String key, Object value) {
        sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    Object get(String section, String key) {
        Map<String, Object> values = sections.get(section);
        return values == null ? null : values.get(key);
    }

    double number(String section, String key) {
        Object value = get(section, key);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException(section + "." + key + " was not measured");
        }
        return number.doubleValue();
    }

    /** Records a ratio (in "ratios") and, if it has a target, the target and whether it was met (in "targets"). */
    BenchReport ratio(String key, double ratio) {
        return put("ratios", key, round(ratio, 3));
    }

    BenchReport target(String key, double value, String target, boolean met) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("value", round(value, 3));
        entry.put("target", target);
        entry.put("met", met);
        return put("targets", key, entry);
    }

    BenchReport row(Row row) {
        rows.add(row);
        return this;
    }

    BenchReport note(String line) {
        notes.add(line);
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Every section and its values, in the order they were set. */
    public Map<String, Map<String, Object>> sections() {
        return sections;
    }

    /** The table, then the notes. */
    public void printHuman(PrintWriter out) {
        String[] header = {"FIGURE", "VALUE", "LIMIT", "RATIO", "TARGET", "MET?"};
        List<String[]> cells = new ArrayList<>();
        for (Row row : rows) {
            cells.add(new String[] {row.figure(), row.value(), row.limit() == null ? "-" : row.limit(),
                    row.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", row.ratio()),
                    row.target() == null ? "-" : row.target(),
                    row.met() == null ? "-" : row.met() ? "yes" : "NO"});
        }
        int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            widths[c] = header[c].length();
            for (String[] line : cells) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        print(out, header, widths);
        cells.forEach(line -> print(out, line, widths));
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(out::println);
        }
    }

    private static void print(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(cells[c]).append(" ".repeat(widths[c] - cells[c].length()));
        }
        out.println(line.toString().stripTrailing());
    }

    /** One JSON object: every section with its values. */
    public String json() {
        ObjectNode root = MAPPER.createObjectNode();
        sections.forEach((section, values) -> root.set(section, MAPPER.valueToTree(values)));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** {@code 12,345}. */
    static String count(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    /** {@code 12,345/s} with the unit. */
    static String rate(double perSecond, String unit) {
        return count(perSecond) + " " + unit + "/s";
    }

    /** {@code 1.23 ms}, with more digits when small. */
    static String millis(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : "%.1f ms", ms);
    }

    static String nanos(double ns) {
        return String.format(Locale.ROOT, "%.0f ns", ns);
    }
}
