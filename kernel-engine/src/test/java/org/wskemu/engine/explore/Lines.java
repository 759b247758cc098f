package org.wskemu.engine.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.session.SessionFile;

/** Session lines for the explorer's tests, checked as {@code run} checks them. */
final class Lines {

    static final String SYSTEM = "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}";
    static final String USER = "{\"op\":\"process\",\"pid\":700,\"user\":\"S-1-5-21-1-2-3-1001\",\"groups\":[\"BU\"]}";
    static final String OTHER = "{\"op\":\"process\",\"pid\":900,\"user\":\"S-1-5-21-1-2-3-1002\",\"groups\":[\"BU\"]}";

    private Lines() {
    }

    static String socket(String label, String family, int pid) {
        return "{\"op\":\"socket\",\"socket\":\"" + label + "\",\"category\":\"listen\",\"family\":\"" + family
                + "\",\"process\":" + pid + "}";
    }

    static String set(String label, String option, int value) {
        return "{\"op\":\"set\",\"socket\":\"" + label + "\",\"option\":\"" + option + "\",\"value\":" + value + "}";
    }

    static String bind(String label, String address) {
        return "{\"op\":\"bind\",\"socket\":\"" + label + "\",\"address\":\"" + address + "\"}";
    }

    static String close(String label) {
        return "{\"op\":\"close\",\"socket\":\"" + label + "\"}";
    }

    static List<SessionCall> session(String... lines) {
        return session(List.of(lines));
    }

    static List<SessionCall> session(List<String> lines) {
        SessionFile file = SessionFile.parse("t.wsk.jsonl", new ArrayList<>(lines));
        assertEquals(List.of(), file.faults(), "the test's session is valid");
        return file.calls();
    }
}
