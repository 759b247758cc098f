package org.wskemu.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.wskemu.api.NtStatus;

/**
 * {@code wskemu debug}'s commands, one line at a time, on the shared {@link Debugger}: the short forms
 * after WinDbg's time travel ({@code p}, {@code p-}, {@code g}, {@code g-}). A line that is no command,
 * or a command that cannot be done here, answers one clear line and the session goes on.
 */
final class DebugShell {

    /** The commands, for {@code help} and completion. */
    static final List<String> COMMANDS = List.of("step", "p", "back", "p-", "continue", "g", "reverse", "g-", "goto",
            "break", "breaks", "delete", "watch", "where", "state", "explain", "sockets", "socket", "ports", "help", "quit");

    /** What {@code break} takes after it. */
    static final List<String> BREAK_KINDS = List.of("line", "port", "status", "diverged", "refused");

    static final List<String> HELP = List.of(
            "step, p                 one call forward",
            "back, p-                one call back",
            "continue, g             forward to the next breakpoint or watch (or the run's last call)",
            "reverse, g-             back to the previous breakpoint or watch (or the run's first call)",
            "goto POSITION|line N|N% move to a position's call, a line's first call, or a share of the run",
            "break line N|port P|status S|diverged|refused [if CONDITION]",
            "                        stop there (CONDITION: FIELD == VALUE, !=, && and || over op, socket,",
            "                        status, port, process, line, position, diverged)",
            "breaks                  list the breakpoints and watches",
            "delete N                delete breakpoint or watch N",
            "watch port P            stop where a call changes who holds port P",
            "where                   the position, the file line and the call at the cursor",
            "state [--port P]        the bindings just after the cursor's call (as state --at)",
            "explain                 why the cursor's call came out as it did (as explain)",
            "sockets                 every socket just after the cursor's call",
            "socket LABEL            one socket and its bindings",
            "ports                   every port held, and by whom",
            "help                    this list",
            "quit                    leave (so does the end of input)");

    private final Debugger debugger;
    private final DebugAnswers answers;

    DebugShell(Debugger debugger, PrintWriter out, boolean json) {
        this.debugger = debugger;
        this.answers = new DebugAnswers(debugger, out, json);
    }

    /** Opens the session: the cursor on the run's first call. */
    void open() {
        answers.opened(debugger.entry());
    }

    /**
     * Does one command line.
     *
     * @return false when the line says to quit
     */
    boolean execute(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return true;
        }
        String[] words = trimmed.split("\\s+");
        String command = words[0].toLowerCase(Locale.ROOT);
        try {
            switch (command) {
                case "step", "p" -> answers.stopped(debugger.step());
                case "back", "p-" -> answers.stopped(debugger.back());
                case "continue", "g" -> answers.stopped(debugger.forward());
                case "reverse", "g-" -> answers.stopped(debugger.reverse());
                case "goto" -> answers.stopped(go(words));
                case "break" -> answers.added(breakpoint(trimmed, words));
                case "breaks" -> answers.breaks();
                case "delete" -> delete(words);
                case "watch" -> answers.added(debugger.addWatch(port(words, "watch port P")));
                case "where" -> answers.where();
                case "state" -> answers.state(statePort(words));
                case "explain" -> answers.explain();
                case "sockets" -> answers.sockets();
                case "socket" -> answers.socket(argument(words, 1, "socket LABEL"));
                case "ports" -> answers.ports();
                case "help" -> answers.help(HELP);
                case "quit", "exit", "q" -> {
                    return false;
                }
                default -> answers.error("unknown command '" + words[0] + "' ('help' lists the commands)");
            }
        } catch (IllegalArgumentException | UserError e) {
            answers.error(e.getMessage());
        }
        return true;
    }

    private Debugger.Stop go(String[] words) {
        String target = argument(words, 1, "goto POSITION|line N|N%");
        if (target.equalsIgnoreCase("line")) {
            return debugger.gotoLine((int) number(argument(words, 2, "goto line N"), "a line"));
        }
        if (target.endsWith("%")) {
            try {
                return debugger.gotoPercent(Double.parseDouble(target.substring(0, target.length() - 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("goto N%: N is a number from 0 to 100, was '" + target + "'");
            }
        }
        return debugger.gotoPosition(number(target, "a position"));
    }

    private Debugger.Breakpoint breakpoint(String line, String[] words) {
        String kind = argument(words, 1, "break line N|port P|status S|diverged|refused").toLowerCase(Locale.ROOT);
        int ifAt = line.indexOf(" if ");
        CallCondition condition = ifAt < 0 ? null : CallCondition.parse(line.substring(ifAt + 4));
        int arguments = ifAt < 0 ? words.length : line.substring(0, ifAt).strip().split("\\s+").length;
        int expected = kind.equals("diverged") || kind.equals("refused") ? 2 : 3;
        if (BREAK_KINDS.contains(kind) && arguments != expected) {
            throw new IllegalArgumentException("break " + kind + (expected == 3 ? " takes one value" : " takes no value")
                    + " (and may end with 'if CONDITION')");
        }
        return switch (kind) {
            case "line" -> debugger.addBreakpoint(Debugger.Kind.LINE, (int) number(words[2], "a line"), null, condition);
            case "port" -> debugger.addBreakpoint(Debugger.Kind.PORT, port(words, "break port P"), null, condition);
            case "status" -> debugger.addBreakpoint(Debugger.Kind.STATUS, 0, NtStatus.parse(words[2]), condition);
            case "diverged" -> debugger.addBreakpoint(Debugger.Kind.DIVERGED, 0, null, condition);
            case "refused" -> debugger.addBreakpoint(Debugger.Kind.REFUSED, 0, null, condition);
            default -> throw new IllegalArgumentException("break takes line N, port P, status S, diverged or refused, was '"
                    + words[1] + "'");
        };
    }

    private void delete(String[] words) {
        int id = (int) number(argument(words, 1, "delete N"), "a breakpoint's number");
        if (!debugger.delete(id)) {
            throw new IllegalArgumentException("no breakpoint or watch " + id + " ('breaks' lists them)");
        }
        answers.deleted(id);
    }

    private Integer statePort(String[] words) {
        if (words.length == 1) {
            return null;
        }
        if (words.length == 3 && words[1].equals("--port")) {
            return checkedPort(words[2]);
        }
        throw new IllegalArgumentException("state takes nothing or --port P");
    }

    private static int port(String[] words, String usage) {
        if (words.length != 3 || !words[1].equalsIgnoreCase("port")) {
            throw new IllegalArgumentException("expected '" + usage + "'");
        }
        return checkedPort(words[2]);
    }

    private static int checkedPort(String text) {
        long port = number(text, "a port");
        if (port > 65535) {
            throw new IllegalArgumentException("a port is 0 to 65535, was " + port);
        }
        return (int) port;
    }

    private static String argument(String[] words, int index, String usage) {
        if (words.length <= index) {
            throw new IllegalArgumentException("expected '" + usage + "'");
        }
        return words[index];
    }

    private static long number(String text, String what) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + what + " (a number, 0 or more), was '" + text + "'");
        }
    }
}
