package org.wskemu.bench;

import java.util.ArrayList;
import java.util.List;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.explore.Explorer;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.session.SessionFile;

/**
 * The sessions {@code wskemu explore}'s speed targets name (issue #23), and one timed search of each,
 * in process: 3 programs of 4 calls on one contended port (34,650 orders without reduction), searched
 * whole with the reduction; 4 programs of 6 calls on two contended ports, searched up to 100,000 orders.
 */
final class ExploreFigures {

    static final long LARGE_MAX_ORDERS = 100_000;
    private static final String[] USERS = {"SY", "S-1-5-21-1-2-3-1001", "S-1-5-21-1-2-3-1002", "NS"};
    private static final String[] OPTIONS = {"SO_REUSEADDR", "SO_EXCLUSIVEADDRUSE", "SO_REUSEADDR", "SO_EXCLUSIVEADDRUSE"};

    private ExploreFigures() {
    }

    /** Each program: a socket, a sharing option, a wildcard bind on port 80, a close. */
    static List<SessionCall> small() {
        List<String> lines = declarations(3);
        for (int p = 0; p < 3; p++) {
            String s = "s" + p;
            lines.add(socket(s, p));
            lines.add(set(s, OPTIONS[p]));
            lines.add(bind(s, p == 2 ? "127.0.0.1:80" : "0.0.0.0:80"));
            lines.add(close(s));
        }
        return parse(lines);
    }

    /** Each program: two sockets, one on port 80 (with an option) and one on 443, the first closed. */
    static List<SessionCall> large() {
        List<String> lines = declarations(4);
        for (int p = 0; p < 4; p++) {
            String a = "a" + p;
            String b = "b" + p;
            lines.add(socket(a, p));
            lines.add(set(a, OPTIONS[p]));
            lines.add(bind(a, p % 2 == 0 ? "0.0.0.0:80" : "127.0.0.1:80"));
            lines.add(socket(b, p));
            lines.add(bind(b, p % 2 == 0 ? "127.0.0.1:443" : "0.0.0.0:443"));
            lines.add(close(a));
        }
        return parse(lines);
    }

    static Explorer.Result explore(List<SessionCall> calls, ProfileId profile, long maxOrders) {
        return Explorer.explore(calls, profile, Explorer.By.PROCESS, Explorer.Mode.REDUCED, maxOrders, 0, null);
    }

    private static List<String> declarations(int programs) {
        List<String> lines = new ArrayList<>();
        for (int p = 0; p < programs; p++) {
            lines.add("{\"op\":\"process\",\"pid\":" + pid(p) + ",\"user\":\"" + USERS[p] + "\"}");
        }
        return lines;
    }

    private static int pid(int program) {
        return program == 0 ? 4 : 1000 + program;
    }

    private static String socket(String label, int program) {
        return "{\"op\":\"socket\",\"socket\":\"" + label + "\",\"category\":\"listen\",\"family\":\"inet\",\"process\":"
                + pid(program) + "}";
    }

    private static String set(String label, String option) {
        return "{\"op\":\"set\",\"socket\":\"" + label + "\",\"option\":\"" + option + "\",\"value\":1}";
    }

    private static String bind(String label, String address) {
        return "{\"op\":\"bind\",\"socket\":\"" + label + "\",\"address\":\"" + address + "\"}";
    }

    private static String close(String label) {
        return "{\"op\":\"close\",\"socket\":\"" + label + "\"}";
    }

    private static List<SessionCall> parse(List<String> lines) {
        SessionFile file = SessionFile.parse("explore-bench", lines);
        if (!file.isValid()) {
            throw new IllegalStateException(file.faults().toString());
        }
        return file.calls();
    }
}
