package org.wskemu.recording;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.wskemu.api.TransportAddress;
import org.wskemu.security.Sid;

/**
 * Builds an {@link ImportedSession} line by line, in SESSION-FORMAT.md's words: declares each
 * process once before its first socket, with a comment saying where its user came from.
 */
final class SessionBuilder {

    /** Where a process's user comes from when neither {@code --user} nor {@code --default-user} gives it. */
    record DefaultUser(Sid sid, String why) {
    }

    private final List<SessionLine> lines = new ArrayList<>();
    private final Set<Integer> declared = new TreeSet<>();
    private final ImportOptions options;
    private final DefaultUser formatDefault;

    SessionBuilder(ImportOptions options, DefaultUser formatDefault) {
        this.options = options;
        this.formatDefault = formatDefault;
    }

    /**
     * A comment line. Every piece of recorded text in it must already have passed {@link Text#safe};
     * control and format characters are replaced here once more, so none reaches the output.
     */
    SessionBuilder comment(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            safe.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        lines.add(new SessionLine.Comment(safe.toString()));
        return this;
    }

    /**
     * Declares {@code pid} unless it is declared already. {@code recorded} is the user the recording
     * itself names for the process, if any; {@code origin} says how the recording names the process.
     */
    void process(int pid, String origin, Optional<Sid> recorded) {
        if (!declared.add(pid)) {
            return;
        }
        Sid user;
        String why;
        if (options.users().containsKey(pid)) {
            user = options.users().get(pid);
            why = "user from --user " + pid + "=" + user.toSddl();
        } else if (recorded.isPresent()) {
            user = recorded.get();
            why = "user as the recording names it";
        } else if (options.defaultUser().isPresent()) {
            user = options.defaultUser().get();
            why = "user from --default-user (the recording names no token)";
        } else {
            user = formatDefault.sid();
            why = "user " + user.toSddl() + " is a stated default: " + formatDefault.why() + "; --user " + pid
                    + "=SID gives the real one";
        }
        comment("process " + pid + " (" + origin + "): " + why);
        Map<String, Object> fields = fields("process");
        fields.put("pid", pid);
        fields.put("user", user.toSddl());
        lines.add(new SessionLine.Call(fields));
    }

    void socket(String label, String category, String family, int pid, Optional<Object> expect) {
        Map<String, Object> fields = fields("socket");
        fields.put("socket", label);
        fields.put("category", category);
        fields.put("family", family);
        fields.put("process", pid);
        expect.ifPresent(e -> fields.put("expect", e));
        lines.add(new SessionLine.Call(fields));
    }

    /** A set of a sharing option or IPV6_V6ONLY: option by name, at its own level, with its value. */
    void set(String label, String option, long value, int inputSize, Optional<Object> expect) {
        Map<String, Object> fields = fields("set");
        fields.put("socket", label);
        fields.put("option", option);
        fields.put("value", value);
        if (inputSize != 4) {
            fields.put("inputSize", inputSize);
        }
        expect.ifPresent(e -> fields.put("expect", e));
        lines.add(new SessionLine.Call(fields));
    }

    void bind(String label, TransportAddress address, Optional<Object> expect) {
        Map<String, Object> fields = fields("bind");
        fields.put("socket", label);
        fields.put("address", address.toString());
        expect.ifPresent(e -> fields.put("expect", e));
        lines.add(new SessionLine.Call(fields));
    }

    void close(String label, Optional<Object> expect) {
        Map<String, Object> fields = fields("close");
        fields.put("socket", label);
        expect.ifPresent(e -> fields.put("expect", e));
        lines.add(new SessionLine.Call(fields));
    }

    ImportedSession build() {
        return new ImportedSession(lines);
    }

    private static Map<String, Object> fields(String op) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("op", op);
        return fields;
    }
}
