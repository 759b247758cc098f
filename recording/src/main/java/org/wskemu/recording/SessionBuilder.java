package org.wskemu.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.wskemu.api.HostAddress;
import org.wskemu.api.TransportAddress;
import org.wskemu.security.Sid;

/**
 * Writes a session file line by line, in SESSION-FORMAT.md's words, straight to its writer (an import
 * holds no more of the session than the line it is writing): declares each process once before its
 * first socket, with a comment saying where its user came from, and counts what it wrote for the
 * import's summary.
 */
final class SessionBuilder {

    /** Where a process's user comes from when neither {@code --user} nor {@code --default-user} gives it. */
    record DefaultUser(Sid sid, String why) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;
    private final Set<Integer> declared = new TreeSet<>();
    private final ImportOptions options;
    private final DefaultUser formatDefault;
    private long jsonLines;
    private long commentLines;

    SessionBuilder(Writer out, ImportOptions options, DefaultUser formatDefault) {
        this.out = out;
        this.options = options;
        this.formatDefault = formatDefault;
    }

    /**
     * A comment line. Every piece of recorded text in it must already have passed {@link Text#safe};
     * control and format characters are replaced here once more, so none reaches the output.
     */
    SessionBuilder comment(String text) {
        StringBuilder safe = new StringBuilder(text.length() + 2);
        safe.append(text.isEmpty() ? "#" : "# ");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            safe.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        commentLines++;
        line(safe.toString());
        return this;
    }

    /** The {@code host} line of {@code --host}, when given: the addresses the recording machine owns. */
    void host(List<HostAddress> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        host(addresses, "the machine's addresses, from --host: binds of other specific addresses are INVALID_ADDRESS_COMPONENT");
    }

    /** A {@code host} line of {@code addresses}, after a comment saying where they come from. */
    void host(List<HostAddress> addresses, String why) {
        comment(why);
        Map<String, Object> fields = fields("host");
        fields.put("addresses", addresses.stream().map(HostAddress::toString).toList());
        call(fields);
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
        call(fields);
    }

    void socket(String label, String category, String family, int pid, Optional<Object> expect) {
        Map<String, Object> fields = fields("socket");
        fields.put("socket", label);
        fields.put("category", category);
        fields.put("family", family);
        fields.put("process", pid);
        expect.ifPresent(e -> fields.put("expect", e));
        call(fields);
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
        call(fields);
    }

    /** A get of a sharing option or IPV6_V6ONLY: option by name, at its own level, with its output size. */
    void get(String label, String option, int outputSize, Optional<Object> expect) {
        Map<String, Object> fields = fields("get");
        fields.put("socket", label);
        fields.put("option", option);
        if (outputSize != 4) {
            fields.put("outputSize", outputSize);
        }
        expect.ifPresent(e -> fields.put("expect", e));
        call(fields);
    }

    /** A bind; {@code recordedPort} is the port the recording's system gave a port-0 bind (SPEC.md 6, rule 1a). */
    void bind(String label, TransportAddress address, Optional<Integer> recordedPort, Optional<Object> expect) {
        Map<String, Object> fields = fields("bind");
        fields.put("socket", label);
        fields.put("address", address.toString());
        recordedPort.ifPresent(p -> fields.put("recordedPort", p));
        expect.ifPresent(e -> fields.put("expect", e));
        call(fields);
    }

    void close(String label, Optional<Object> expect) {
        Map<String, Object> fields = fields("close");
        fields.put("socket", label);
        expect.ifPresent(e -> fields.put("expect", e));
        call(fields);
    }

    /** How many JSON (declaration or call) lines were written. */
    long jsonLines() {
        return jsonLines;
    }

    /** How many comment lines were written. */
    long commentLines() {
        return commentLines;
    }

    /** Flushes the writer. */
    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void call(Map<String, Object> fields) {
        jsonLines++;
        try {
            line(JSON.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(String text) {
        try {
            out.write(text);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> fields(String op) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("op", op);
        return fields;
    }
}
