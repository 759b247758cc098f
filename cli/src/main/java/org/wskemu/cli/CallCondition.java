package org.wskemu.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.wskemu.api.NtStatus;

/**
 * A breakpoint's condition: an expression over the call at the cursor.
 *
 * <pre>
 * condition  := and ( "||" and )*
 * and        := comparison ( "&amp;&amp;" comparison )*
 * comparison := field ( "==" | "!=" ) literal
 * field      := op | socket | status | port | process | line | position | diverged
 * literal    := "text in double quotes" | a number | true | false | a word without spaces
 * </pre>
 *
 * A status compares by its value, so {@code status == "ACCESS_DENIED"}, {@code status == STATUS_ACCESS_DENIED}
 * and {@code status == 0xC0000022} mean the same. A field the call does not carry (a declaration has no
 * socket) equals no literal. {@code &&} binds tighter than {@code ||}; there are no parentheses.
 */
final class CallCondition {

    /** The fields a condition may name. */
    static final List<String> FIELDS = List.of("op", "socket", "status", "port", "process", "line", "position", "diverged");

    private final String text;
    private final Predicate<DebugCall> test;

    private CallCondition(String text, Predicate<DebugCall> test) {
        this.text = text;
        this.test = test;
    }

    /**
     * @param text the condition as written
     * @return the parsed condition
     * @throws IllegalArgumentException naming what is wrong and where
     */
    static CallCondition parse(String text) {
        List<String> tokens = tokens(text);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("empty condition");
        }
        Predicate<DebugCall> any = null;
        int i = 0;
        while (true) {
            Predicate<DebugCall> all = null;
            while (true) {
                if (i + 3 > tokens.size()) {
                    throw new IllegalArgumentException("condition '" + text + "': expected FIELD == VALUE or FIELD != VALUE"
                            + " after " + (i == 0 ? "the start" : "'" + tokens.get(i - 1) + "'"));
                }
                Predicate<DebugCall> comparison = comparison(tokens.get(i), tokens.get(i + 1), tokens.get(i + 2), text);
                all = all == null ? comparison : all.and(comparison);
                i += 3;
                if (i < tokens.size() && tokens.get(i).equals("&&")) {
                    i++;
                    continue;
                }
                break;
            }
            any = any == null ? all : any.or(all);
            if (i == tokens.size()) {
                return new CallCondition(text, any);
            }
            if (!tokens.get(i).equals("||")) {
                throw new IllegalArgumentException("condition '" + text + "': expected && or || before '" + tokens.get(i) + "'");
            }
            i++;
        }
    }

    boolean test(DebugCall call) {
        return test.test(call);
    }

    @Override
    public String toString() {
        return text;
    }

    private static Predicate<DebugCall> comparison(String field, String operator, String literal, String text) {
        if (!operator.equals("==") && !operator.equals("!=")) {
            throw new IllegalArgumentException("condition '" + text + "': expected == or != after '" + field + "', was '"
                    + operator + "'");
        }
        String value = unquote(literal);
        Predicate<DebugCall> equal = switch (field) {
            case "op" -> c -> value.equalsIgnoreCase(String.valueOf(c.op()));
            case "socket" -> c -> value.equals(c.socket());
            case "status" -> {
                NtStatus status = status(value, text);
                yield c -> c.status() == status;
            }
            case "port" -> {
                long port = number(field, value, text);
                yield c -> c.port() != null && c.port() == port;
            }
            case "process" -> {
                long process = number(field, value, text);
                yield c -> c.process() != null && c.process() == process;
            }
            case "line" -> {
                long line = number(field, value, text);
                yield c -> c.line() == line;
            }
            case "position" -> {
                long position = number(field, value, text);
                yield c -> c.position() == position;
            }
            case "diverged" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException("condition '" + text + "': diverged is true or false, was '" + value + "'");
                }
                boolean wanted = value.equals("true");
                yield c -> c.diverged() == wanted;
            }
            default -> throw new IllegalArgumentException("condition '" + text + "': unknown field '" + field
                    + "' (expected one of " + String.join(", ", FIELDS) + ")");
        };
        return operator.equals("==") ? equal : equal.negate();
    }

    private static NtStatus status(String value, String text) {
        try {
            return NtStatus.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("condition '" + text + "': " + e.getMessage());
        }
    }

    private static long number(String field, String value, String text) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("condition '" + text + "': " + field + " is a number, was '" + value + "'");
        }
    }

    private static String unquote(String literal) {
        if (literal.length() >= 2 && literal.startsWith("\"") && literal.endsWith("\"")) {
            return literal.substring(1, literal.length() - 1);
        }
        return literal;
    }

    /** Words, quoted texts and the operators {@code == != && ||}, spaces between them optional. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("condition '" + text + "': a quote opened at column " + (i + 1)
                            + " is not closed");
                }
                tokens.add(text.substring(i, end + 1));
                i = end + 1;
            } else if (text.startsWith("==", i) || text.startsWith("!=", i) || text.startsWith("&&", i)
                    || text.startsWith("||", i)) {
                tokens.add(text.substring(i, i + 2));
                i += 2;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "\"=!&|".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                if (start == i) {
                    throw new IllegalArgumentException("condition '" + text + "': unexpected '" + c + "' at column " + (i + 1));
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }
}
