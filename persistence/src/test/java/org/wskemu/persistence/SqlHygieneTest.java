package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No input reaches SQL but as a bound parameter: every SQL string handed to JDBC in the persistence
 * module's sources ({@code prepareStatement}, {@code executeQuery}, {@code executeUpdate},
 * {@code execute}, {@code addBatch}, and the read-model tables' own {@code update} and {@code query})
 * is built only from string literals, {@code static final} constants of its file, and the few
 * reviewed expressions of {@link #REVIEWED}; a local {@code sql} variable is followed to its
 * assignment. A new dynamic piece of SQL fails this test until it is reviewed and listed.
 * (Values always go through {@code ?} placeholders; Axon's own SQL is Axon's, and Flyway runs the
 * migration files as they are.)
 */
class SqlHygieneTest {

    static final Path SOURCES = Path.of("src", "main", "java", "org", "wskemu", "persistence");

    /** The dynamic operands allowed, each reviewed: the text as written, and why it is safe. */
    static final Map<String, String> REVIEWED = Map.of(
            "table", "LogFold.rebuild and ReadModelTables.truncate: each name of ReadModelTables.TABLES, a List.of(...) of literals",
            "\"?,\".repeat(chunk.size() - 1)", "JdbcEventLog.positionsOf: one placeholder per id; the ids are bound",
            "(types.isEmpty() ? \"\" : \" AND payloadType IN (\" + \"?,\".repeat(types.size() - 1) + \"?)\")",
            "JdbcEventLog.page: one placeholder per event type; the type names are bound",
            "next", "StoreCopy.restartPositions: a long (the copied log's last position plus one); H2 takes no parameter in DDL",
            "where", "ReadModelTables.decisions(DecisionFilter): ' WHERE '/' AND ' and the literal conditions of "
                    + "its condition(...) calls, each with a ? whose value is bound",
            "Horizon.condition(horizon)", "JdbcEventLog, StoreCopy, StoreExport: '' or the constant Horizon.BELOW, "
                    + "whose one ? (the horizon) is bound",
            "Horizon.condition(below)", "EventChain.check: '' or the constant Horizon.BELOW, whose one ? is bound");

    private static final Pattern CALL = Pattern.compile(
            "\\b(prepareStatement|executeQuery|executeUpdate|execute|addBatch|update|updateCount|batch|query)\\(");
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*");

    @Test
    void everySqlStringIsBuiltFromConstants() throws IOException {
        List<String> unsafe = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String source = withoutComments(Files.readString(file));
                Matcher call = CALL.matcher(source);
                while (call.find()) {
                    String argument = firstArgument(source, call.end());
                    if (argument.isEmpty() || isDeclaration(source, call.start(), argument)) {
                        continue; // executeQuery() of a prepared statement, or the plumbing's own signature
                    }
                    checked++;
                    String problem = check(source, call.start(), argument, 0);
                    if (problem != null) {
                        unsafe.add(file.getFileName() + " line " + line(source, call.start()) + ": " + call.group(1)
                                + "(" + argument + "): " + problem);
                    }
                }
            }
        }
        assertTrue(checked >= 20, "SQL call sites found: " + checked);
        assertEquals(List.of(), unsafe);
    }

    /** null when {@code expression} is built from constants only, else what is not. */
    private static String check(String source, int at, String expression, int depth) {
        for (String operand : operands(expression)) {
            if (operand.startsWith("\"") && operand.endsWith("\"") || operand.matches("\\d+")) {
                continue;
            }
            if (REVIEWED.containsKey(operand)) {
                continue;
            }
            if (CONSTANT.matcher(operand).matches()
                    && Pattern.compile("static final \\S+ " + operand + "\\s*=").matcher(source).find()) {
                continue;
            }
            if (operand.equals("sql") && depth == 0) {
                // a local: followed to its assignment before the call; else the plumbing's parameter
                Matcher assigned = Pattern.compile("String sql = ").matcher(source.substring(0, at));
                int last = -1;
                while (assigned.find()) {
                    last = assigned.end();
                }
                String method = enclosingMethod(source, at);
                if (last > source.lastIndexOf(method, at) && last > 0) {
                    String value = source.substring(last, source.indexOf(';', last));
                    String problem = check(source, at, value, depth + 1);
                    if (problem != null) {
                        return "sql = " + value + ": " + problem;
                    }
                    continue;
                }
                if (method.matches("\\s*(void update|int updateCount|void batch|<T> List<T> query)\\(String sql,.*")) {
                    continue; // ReadModelTables.update/query: their callers are checked as calls
                }
            }
            return "'" + operand + "' is neither a literal nor a constant";
        }
        return null;
    }

    /** The text of the method declaration line enclosing {@code at}. */
    private static String enclosingMethod(String source, int at) {
        // a member of the class: indented by exactly four spaces, not a statement
        Matcher declaration = Pattern.compile("\\n    (?!\\s)(?!(?:try|for|if|while|switch|return|else)\\b)"
                + "[^\\n]*\\([^\\n]*\\)[^\\n;]*\\{").matcher(source);
        String last = "";
        while (declaration.find() && declaration.start() < at) {
            last = declaration.group().strip();
        }
        return last.replaceFirst("^(public |private |protected |static |final |synchronized )*", "");
    }

    private static boolean isDeclaration(String source, int at, String argument) {
        return argument.startsWith("String ") || argument.startsWith("long ") || argument.startsWith("Object")
                || source.substring(Math.max(0, at - 12), at).matches("(?s).*(void|List<T>|\\bT>)\\s+$");
    }

    /** The first argument of the call whose '(' ends before {@code from}: up to the first top-level ',' or ')'. */
    private static String firstArgument(String source, int from) {
        int depth = 0;
        boolean string = false;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (string) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0 || c == ',' && depth == 0) {
                return source.substring(from, i).strip();
            }
        }
        throw new IllegalStateException("unbalanced call at " + from);
    }

    /** The operands of a '+' concatenation, split at top level. */
    private static List<String> operands(String expression) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean string = false;
        int start = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (string) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '+' && depth == 0) {
                parts.add(expression.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(expression.substring(start).strip());
        return parts;
    }

    private static String withoutComments(String source) {
        // block comments and line comments outside strings, kept as blanks so offsets hold
        StringBuilder out = new StringBuilder(source);
        boolean string = false;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (string) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == '/' && i + 1 < out.length() && out.charAt(i + 1) == '/') {
                for (; i < out.length() && out.charAt(i) != '\n'; i++) {
                    out.setCharAt(i, ' ');
                }
            } else if (c == '/' && i + 1 < out.length() && out.charAt(i + 1) == '*') {
                for (; i + 1 < out.length() && !(out.charAt(i) == '*' && out.charAt(i + 1) == '/'); i++) {
                    if (out.charAt(i) != '\n') {
                        out.setCharAt(i, ' ');
                    }
                }
                out.setCharAt(i, ' ');
                if (i + 1 < out.length()) {
                    out.setCharAt(i + 1, ' ');
                }
            }
        }
        return out.toString();
    }

    private static int line(String source, int at) {
        return (int) source.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
