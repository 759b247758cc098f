package org.wskemu.engine.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.wskemu.api.text.SafeText;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ControlInput;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlType;
import org.wskemu.api.ExpectedStatus;
import org.wskemu.api.HostAddress;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportAddressException;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.SidException;
import org.wskemu.security.Token;

/**
 * Checks the lines of one session file in order (SESSION-FORMAT.md) and turns each good call line
 * into a {@link SessionCall}. It carries what earlier lines declared: processes, threads, and the
 * socket labels created and still live.
 *
 * <p>Choices where the contract is silent:
 * <ul>
 *   <li>{@code expect} is accepted on every line, declarations included: the contract says "every
 *       call line", and a recorder may well write one on each.</li>
 *   <li>{@code irp} is accepted on every call line ({@code socket set get bind close}, each takes
 *       an IRP), not on declarations.</li>
 *   <li>Re-declaring a pid or a tid replaces its token; it is not a fault.</li>
 *   <li>A line with a fault still declares what it names, when that part itself is good: a
 *       {@code process} line's pid, a {@code thread} line's tid, a {@code socket} line's label.
 *       One mistake gives one message, not one more for every later line using the name.</li>
 *   <li>A {@code close} line ends its label's life for the reuse rule even if the close will fail
 *       when it runs (an IRP of NULL, say): validation happens before anything runs and cannot
 *       know. Closing a label that is already closed is not a fault (INVALID_HANDLE at run time).</li>
 *   <li>{@code get} accepts {@code level} as {@code set} does; an {@code expectValue} of an option
 *       that is neither a sharing option nor SO_WSK_SECURITY must be an integer.</li>
 * </ul>
 */
final class SessionChecker {

    /** Longest line looked at; a longer one is a fault and is never parsed. */
    static final int MAX_LINE_LENGTH = 65_536;

    /**
     * Most faults reported for one file. [emulator choice] SESSION-FORMAT.md asks for one message per
     * fault and sets no bound, but a hostile file within the 64 MiB limit can hold 33 million faulty
     * lines: kept and printed whole, their messages took more than a gigabyte of heap and the run died
     * of OutOfMemoryError (exit 1). After this many, one more fault says checking stopped there.
     */
    static final int MAX_FAULTS = 1_000;

    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    private static final int DEFAULT_SIZE = ControlRequest.ULONG_SIZE;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String OPS = "host, process, thread, socket, set, get, bind or close";
    private static final Map<Op, Set<String>> FIELDS = new EnumMap<>(Map.of(
            Op.HOST, Set.of("op", "expect", "addresses"),
            Op.PROCESS, Set.of("op", "expect", "pid", "user", "groups"),
            Op.THREAD, Set.of("op", "expect", "tid", "pid", "impersonate"),
            Op.SOCKET, Set.of("op", "expect", "irp", "socket", "category", "family", "process",
                    "owningProcess", "owningThread", "sd"),
            Op.SET, Set.of("op", "expect", "irp", "socket", "option", "value", "sd", "level", "inputSize"),
            Op.GET, Set.of("op", "expect", "irp", "socket", "option", "level", "outputSize", "expectValue"),
            Op.BIND, Set.of("op", "expect", "irp", "socket", "address", "recordedPort"),
            Op.CLOSE, Set.of("op", "expect", "irp", "socket")));
    private static final Set<String> TOKEN_FIELDS = Set.of("user", "groups");

    private final String displayName;
    private final List<SessionCall> calls = new ArrayList<>();
    private final List<String> faults = new ArrayList<>();
    private final Set<Long> processes = new HashSet<>();
    private final Set<Long> threads = new HashSet<>();
    /** Every label a socket line has created so far. */
    /**
     * Every label a socket line has created so far, with the line that created it while it is live and
     * {@link #CLOSED} once a close line names it (one compact table: issue #15, a streamed session of
     * millions of labels).
     */
    private final LabelTable labels = new LabelTable();
    private static final long CLOSED = -1;

    /** Where each good call goes: {@link #calls} unless a streaming reader takes them one by one. */
    private final Consumer<SessionCall> sink;
    /**
     * Whether socket labels are taken as checked: the second pass of {@link SessionStream}, over a file
     * its first pass found valid, does not hold every label again (the first pass's digest says the
     * file is the one checked).
     */
    private final boolean labelsChecked;

    SessionChecker(String displayName) {
        this(displayName, null, false);
    }

    /**
     * A checker that hands each good call to {@code sink} instead of keeping it (null: keeps them in
     * {@link #calls()}); with {@code labelsChecked}, labels are neither kept nor checked.
     */
    SessionChecker(String displayName, Consumer<SessionCall> sink, boolean labelsChecked) {
        this.displayName = SafeText.escape(displayName); // a file name is input too: no control character reaches stderr
        this.sink = sink != null ? sink : calls::add;
        this.labelsChecked = labelsChecked;
    }

    List<SessionCall> calls() {
        return calls;
    }

    List<String> faults() {
        return faults;
    }

    /**
     * Records a fault of line {@code line} (1-based) as {@code FILE:LINE: message}; past
     * {@link #MAX_FAULTS}, one last fault says checking stopped at that line, and the rest are dropped.
     */
    void fault(int line, String message) {
        if (faults.size() < MAX_FAULTS) {
            faults.add(displayName + ":" + line + ": " + FaultText.oneLine(message));
        } else if (faults.size() == MAX_FAULTS) {
            faults.add(displayName + ":" + line + ": too many faults: checking stopped at this line (the first "
                    + MAX_FAULTS + " are shown)");
        }
    }

    /** Whether checking stopped after {@link #MAX_FAULTS} faults: later lines need not be read. */
    boolean stopped() {
        return faults.size() > MAX_FAULTS;
    }

    /** Checks line {@code line} (1-based); a good call line adds a call, anything wrong adds faults. */
    void check(int line, String text) {
        if (text.length() > MAX_LINE_LENGTH) {
            fault(line, "line is longer than " + MAX_LINE_LENGTH + " characters");
            return;
        }
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.charAt(0) == '#') {
            return;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            fault(line, "not a JSON object: " + jsonReason(e));
            return;
        }
        if (!tree.isObject()) {
            fault(line, "not a JSON object: found " + kind(tree));
            return;
        }
        String lone = LoneSurrogates.find(tree);
        if (lone != null) {
            fault(line, lone);
            return;
        }
        List<String> lineFaults = new ArrayList<>();
        SessionCall call = call(line, (ObjectNode) tree, lineFaults);
        lineFaults.forEach(message -> fault(line, message));
        if (lineFaults.isEmpty() && call != null) {
            sink.accept(call);
        }
    }

    private SessionCall call(int line, ObjectNode object, List<String> lineFaults) {
        JsonNode opNode = object.get("op");
        if (opNode == null || opNode.isNull()) {
            lineFaults.add("missing field 'op'");
            return null;
        }
        if (!opNode.isTextual()) {
            lineFaults.add("'op' must be a string, not " + FaultText.excerpt(opNode));
            return null;
        }
        Op op = Op.parse(opNode.textValue()).orElse(null);
        if (op == null) {
            lineFaults.add("unknown op '" + FaultText.excerpt(opNode.textValue()) + "' (expected " + OPS + ")");
            return null;
        }
        LineFields fields = new LineFields(object, "a " + op.text() + " line", "", lineFaults);
        fields.allowOnly(FIELDS.get(op));
        return switch (op) {
            case HOST -> host(line, fields, lineFaults);
            case PROCESS -> process(line, fields, lineFaults);
            case THREAD -> thread(line, fields, lineFaults);
            case SOCKET -> socket(line, fields, lineFaults);
            case SET -> set(line, fields, lineFaults);
            case GET -> get(line, fields, lineFaults);
            case BIND -> bind(line, fields, lineFaults);
            case CLOSE -> close(line, fields, lineFaults);
        };
    }

    /** {@code {"op":"host","addresses":[...]}}: IPv4 / IPv6 addresses without a port (SESSION-FORMAT.md). */
    private SessionCall host(int line, LineFields fields, List<String> lineFaults) {
        List<HostAddress> addresses = new ArrayList<>();
        JsonNode node = fields.require("addresses");
        if (node != null) {
            if (!node.isArray()) {
                fields.wrongType("addresses", "an array of addresses", node);
            } else {
                for (int i = 0; i < node.size(); i++) {
                    String name = "addresses[" + i + "]";
                    JsonNode element = node.get(i);
                    if (!element.isTextual()) {
                        fields.wrongType(name, "an address string", element);
                        continue;
                    }
                    try {
                        addresses.add(HostAddress.parse(element.textValue()));
                    } catch (IllegalArgumentException e) {
                        fields.fault("'" + fields.field(name) + "': " + shortened(e.getMessage(), element.textValue()));
                    }
                }
            }
        }
        ExpectedStatus expect = expect(fields);
        return lineFaults.isEmpty() ? new SessionCall.DeclareHost(line, addresses, expect) : null;
    }

    private SessionCall process(int line, LineFields fields, List<String> lineFaults) {
        Long pid = fields.integer("pid", true, "an integer", 0, UINT32_MAX);
        Token token = token(fields, true);
        ExpectedStatus expect = expect(fields);
        if (pid != null) {
            processes.add(pid);
        }
        return lineFaults.isEmpty() ? new SessionCall.DeclareProcess(line, new ProcessId(pid), token, expect) : null;
    }

    private SessionCall thread(int line, LineFields fields, List<String> lineFaults) {
        Long tid = fields.integer("tid", true, "an integer", 0, UINT32_MAX);
        ProcessId pid = declaredProcess(fields, "pid", true);
        Token impersonation = null;
        JsonNode node = fields.value("impersonate");
        if (node != null) {
            if (node.isObject()) {
                LineFields inner = fields.nested("impersonate", (ObjectNode) node);
                inner.allowOnly(TOKEN_FIELDS);
                impersonation = token(inner, false);
            } else {
                fields.wrongType("impersonate", "an object with 'user' and optional 'groups'", node);
            }
        }
        ExpectedStatus expect = expect(fields);
        if (tid != null) {
            threads.add(tid);
        }
        return lineFaults.isEmpty()
                ? new SessionCall.DeclareThread(line, new ThreadId(tid), pid, impersonation, expect) : null;
    }

    private SessionCall socket(int line, LineFields fields, List<String> lineFaults) {
        String label = label(fields);
        if (label != null && !labelsChecked) {
            long createdOn = labels.get(label, CLOSED);
            if (createdOn != CLOSED) {
                fields.fault("label '" + FaultText.excerpt(label) + "' is reused while live (created on line "
                        + createdOn + ")");
            } else {
                labels.put(label, line);
            }
        }
        SocketCategory category = parsed(fields, "category", SocketCategory::parse);
        AddressFamily family = parsed(fields, "family", AddressFamily::parse);
        ProcessId creating = declaredProcess(fields, "process", true);
        ProcessId owningProcess = declaredProcess(fields, "owningProcess", false);
        ThreadId owningThread = declaredThread(fields, "owningThread");
        SecurityDescriptor descriptor = sddl(fields, "sd", false);
        boolean irp = irp(fields);
        ExpectedStatus expect = expect(fields);
        if (!lineFaults.isEmpty()) {
            return null;
        }
        SocketRequest request = new SocketRequest(category, family, creating, owningProcess, owningThread,
                descriptor, label);
        return new SessionCall.CreateSocket(line, request, irp, expect);
    }

    private SessionCall set(int line, LineFields fields, List<String> lineFaults) {
        String label = knownLabel(fields);
        OptionCode option = option(fields);
        OptionLevel level = level(fields, option);
        Long inputSize = fields.integer("inputSize", false, "a non-negative integer", 0, Integer.MAX_VALUE);
        JsonNode valueNode = fields.value("value");
        boolean hasSd = fields.present("sd");
        Integer value = null;
        SecurityDescriptor descriptor = null;
        if (option == null) {
            // The option is missing or bad (already reported): check the types of what is there.
            value = valueNode == null ? null : fields.int32("value", valueNode);
            descriptor = sddl(fields, "sd", false);
        } else if (option.takesValue()) {
            if (valueNode != null && hasSd) {
                fields.fault("'value' and 'sd' are both given; " + option.displayName() + " takes 'value' only");
            } else if (hasSd) {
                fields.fault(option.displayName() + " takes 'value', not 'sd'");
            } else if (fields.require("value") != null) {
                value = fields.int32("value", valueNode);
            }
        } else if (option.equals(OptionCode.SO_WSK_SECURITY)) {
            if (valueNode != null && hasSd) {
                fields.fault("'value' and 'sd' are both given; SO_WSK_SECURITY takes 'sd' only");
            } else if (valueNode != null) {
                fields.fault("SO_WSK_SECURITY takes 'sd', not 'value'");
            } else {
                descriptor = sddl(fields, "sd", true);
            }
        } else {
            // Any other option code is passed on and answered NOT_SUPPORTED (SPEC.md 5); it may
            // carry a ULONG but not a descriptor.
            if (hasSd) {
                fields.fault("'sd' is only allowed with SO_WSK_SECURITY, not with option " + option.displayName());
            }
            value = valueNode == null ? null : fields.int32("value", valueNode);
        }
        boolean irp = irp(fields);
        ExpectedStatus expect = expect(fields);
        if (!lineFaults.isEmpty()) {
            return null;
        }
        ControlRequest request = new ControlRequest(ControlType.SET, option, level,
                inputSize == null ? DEFAULT_SIZE : inputSize.intValue(), 0, value != null ? ControlInput.ulong(value)
                : descriptor != null ? ControlInput.descriptor(descriptor) : ControlInput.NONE);
        return new SessionCall.Control(line, label, request, irp, expect, null, null);
    }

    private SessionCall get(int line, LineFields fields, List<String> lineFaults) {
        String label = knownLabel(fields);
        OptionCode option = option(fields);
        OptionLevel level = level(fields, option);
        Long outputSize = fields.integer("outputSize", false, "a non-negative integer", 0, Integer.MAX_VALUE);
        Integer expectValue = null;
        SecurityDescriptor expectDescriptor = null;
        JsonNode expected = fields.value("expectValue");
        if (expected != null && option != null) {
            if (option.equals(OptionCode.SO_WSK_SECURITY)) {
                if (expected.isTextual()) {
                    expectDescriptor = sddl(fields, "expectValue", true);
                } else {
                    fields.wrongType("expectValue", "an SDDL string for SO_WSK_SECURITY", expected);
                }
            } else {
                expectValue = fields.int32("expectValue", expected);
            }
        }
        boolean irp = irp(fields);
        ExpectedStatus expect = expect(fields);
        if (!lineFaults.isEmpty()) {
            return null;
        }
        ControlRequest request = new ControlRequest(ControlType.GET, option, level, 0,
                outputSize == null ? DEFAULT_SIZE : outputSize.intValue(), ControlInput.NONE);
        return new SessionCall.Control(line, label, request, irp, expect, expectValue, expectDescriptor);
    }

    private SessionCall bind(int line, LineFields fields, List<String> lineFaults) {
        String label = knownLabel(fields);
        TransportAddress address = address(fields);
        boolean irp = irp(fields);
        ExpectedStatus expect = expect(fields);
        Long recorded = fields.integer("recordedPort", false, "a port (1-65535)", 1, 65_535);
        if (recorded != null && address != null && !address.isEphemeralRequest()) {
            fields.fault("'recordedPort' belongs to a port-0 bind only, not to " + address
                    + " (SPEC.md 6, rule 1a: the port the recording's system gave a port-0 bind)");
        }
        return lineFaults.isEmpty() ? new SessionCall.Bind(line, label, address, irp, expect,
                recorded == null ? null : recorded.intValue()) : null;
    }

    private SessionCall close(int line, LineFields fields, List<String> lineFaults) {
        String label = knownLabel(fields);
        boolean irp = irp(fields);
        ExpectedStatus expect = expect(fields);
        if (label != null && !labelsChecked) {
            if (labels.contains(label)) {
                labels.put(label, CLOSED);
            }
        }
        return lineFaults.isEmpty() ? new SessionCall.Close(line, label, irp, expect) : null;
    }

    /** {@code user} and optional {@code groups}; null after faults. */
    private static Token token(LineFields fields, boolean topLevel) {
        Sid user = sid(fields, "user", fields.string("user", true));
        List<Sid> groups = new ArrayList<>();
        JsonNode node = fields.value("groups");
        if (node != null) {
            if (!node.isArray()) {
                fields.wrongType("groups", "an array of strings", node);
            } else {
                for (int i = 0; i < node.size(); i++) {
                    String name = "groups[" + i + "]";
                    JsonNode element = node.get(i);
                    if (element.isTextual()) {
                        groups.add(sid(fields, name, element.textValue()));
                    } else {
                        fields.wrongType(name, "a string", element);
                    }
                }
            }
        }
        return user == null || groups.contains(null) ? null : new Token(user, groups);
    }

    private static Sid sid(LineFields fields, String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Sid.parse(text);
        } catch (SidException e) {
            fields.fault("bad SID '" + FaultText.excerpt(text) + "' in '" + fields.field(name) + "': "
                    + shortened(e.reason(), text));
            return null;
        }
    }

    private static SecurityDescriptor sddl(LineFields fields, String name, boolean required) {
        String text = fields.string(name, required);
        if (text == null) {
            return null;
        }
        try {
            return SecurityDescriptor.parse(text);
        } catch (IllegalArgumentException e) { // SddlException, and the descriptor's own checks
            fields.fault("bad SDDL in '" + fields.field(name) + "': " + shortened(e.getMessage(), text));
            return null;
        }
    }

    /** A required string field read by one of kernel-api's parsers, which name the bad text. */
    private static <T> T parsed(LineFields fields, String name, Function<String, T> parser) {
        String text = fields.string(name, true);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            fields.fault("'" + name + "': " + shortened(e.getMessage(), text));
            return null;
        }
    }

    private static String label(LineFields fields) {
        JsonNode node = fields.require("socket");
        if (node == null) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isEmpty()) {
            fields.wrongType("socket", "a non-empty string", node);
            return null;
        }
        if (node.textValue().isBlank()) {
            // [emulator choice] a label of white space alone cannot be told apart in a table or a report
            fields.fault("'socket' is white space only: a label needs a visible character");
            return null;
        }
        return node.textValue();
    }

    /**
     * The label of a call on a socket: it must have been created by an earlier line. A label whose
     * socket was closed is no fault: the call goes to the emulator, which answers INVALID_HANDLE
     * (SESSION-FORMAT.md, Validation).
     */
    private String knownLabel(LineFields fields) {
        String label = label(fields);
        if (label != null && !labelsChecked && !labels.contains(label)) {
            fields.fault("unknown socket label '" + FaultText.excerpt(label) + "'");
        }
        return label;
    }

    private ProcessId declaredProcess(LineFields fields, String name, boolean required) {
        Long pid = fields.integer(name, required, "an integer", 0, UINT32_MAX);
        if (pid == null) {
            return null;
        }
        if (!processes.contains(pid)) {
            fields.fault("'" + name + "': process " + pid + " is not declared on an earlier line (declare it first: "
                    + "{\"op\":\"process\",\"pid\":" + pid + ",\"user\":\"SID\"})");
            return null;
        }
        return new ProcessId(pid);
    }

    private ThreadId declaredThread(LineFields fields, String name) {
        Long tid = fields.integer(name, false, "an integer", 0, UINT32_MAX);
        if (tid == null) {
            return null;
        }
        if (!threads.contains(tid)) {
            fields.fault("'" + name + "': thread " + tid + " is not declared on an earlier line (declare it first: "
                    + "{\"op\":\"thread\",\"tid\":" + tid + ",\"pid\":PID})");
            return null;
        }
        return new ThreadId(tid);
    }

    /** {@code option}: a name, a number, or a number in a string ({@code "0x4001"}). */
    private static OptionCode option(LineFields fields) {
        JsonNode node = fields.require("option");
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return parsed(fields, "option", OptionCode::parse);
        }
        if (node.isIntegralNumber()) {
            Integer code = fields.int32("option", node);
            return code == null ? null : new OptionCode(code);
        }
        fields.wrongType("option", "an option name or a number", node);
        return null;
    }

    /**
     * {@code level}: {@code SOL_SOCKET}, {@code IPPROTO_IPV6} or a number; when absent, the option's own
     * level (SESSION-FORMAT.md), SOL_SOCKET for an unknown or bad option.
     */
    private static OptionLevel level(LineFields fields, OptionCode option) {
        JsonNode node = fields.value("level");
        if (node == null) {
            return option == null ? OptionLevel.SOL_SOCKET : option.level();
        }
        if (node.isTextual()) {
            try {
                return OptionLevel.parse(node.textValue());
            } catch (IllegalArgumentException e) {
                fields.fault("'level': " + shortened(e.getMessage(), node.textValue()));
                return null;
            }
        }
        if (node.isIntegralNumber()) {
            Integer level = fields.int32("level", node);
            return level == null ? null : new OptionLevel(level);
        }
        fields.wrongType("level", "SOL_SOCKET, IPPROTO_IPV6 or a number", node);
        return null;
    }

    /**
     * {@code address}. A port outside 0-65535 is named as such even when written with a sign
     * ({@code :-1}), which {@link TransportAddress#parse} reports only as "not a number".
     */
    private static TransportAddress address(LineFields fields) {
        String text = fields.string("address", true);
        if (text == null) {
            return null;
        }
        try {
            return TransportAddress.parse(text);
        } catch (TransportAddressException e) {
            String port = portOutsideRange(text);
            if (port != null) {
                fields.fault("'address': port " + port + " is outside 0-" + TransportAddress.MAX_PORT);
            } else {
                fields.fault("'address': " + shortened(e.reason(), text));
            }
            return null;
        }
    }

    /** The port of an address whose only fault is an integer port outside 0-65535, else null. */
    private static String portOutsideRange(String text) {
        if (text.length() > TransportAddress.MAX_TEXT_LENGTH) {
            return null;
        }
        int hostEnd = text.startsWith("[") ? text.indexOf("]:") + 1 : text.lastIndexOf(':');
        if (hostEnd <= 0) {
            return null;
        }
        String port = text.substring(hostEnd + 1);
        if (!port.matches("-?[0-9]+")) {
            return null;
        }
        BigInteger value = new BigInteger(port);
        if (value.signum() >= 0 && value.compareTo(BigInteger.valueOf(TransportAddress.MAX_PORT)) <= 0) {
            return null;
        }
        try {
            TransportAddress.parse(text.substring(0, hostEnd + 1) + "0");
        } catch (IllegalArgumentException e) {
            return null; // the host is bad too: the parser's message says so
        }
        return value.toString();
    }

    /** {@code irp}, true when absent (SESSION-FORMAT.md: "irp (default true)"). */
    private static boolean irp(LineFields fields) {
        Boolean irp = fields.bool("irp");
        return irp == null || irp;
    }

    /**
     * {@code expect}: any NTSTATUS (a name with or without STATUS_, or any 32-bit hex value), or a
     * Winsock error by name or number, as a string or a JSON number (SESSION-FORMAT.md); null when absent.
     * An unknown name is a fault.
     */
    private static ExpectedStatus expect(LineFields fields) {
        JsonNode node = fields.value("expect");
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            try {
                return ExpectedStatus.winsockNumber(node.longValue());
            } catch (IllegalArgumentException e) {
                fields.fault("'expect': " + e.getMessage());
                return null;
            }
        }
        if (!node.isTextual()) {
            fields.wrongType("expect", "a status name or hex string, or a Winsock error", node);
            return null;
        }
        try {
            return ExpectedStatus.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            fields.fault("'expect': " + shortened(e.getMessage(), node.textValue()));
            return null;
        }
    }

    /** A parser's message with the full (possibly huge) offending text replaced by an excerpt. */
    private static String shortened(String message, String text) {
        String safe = message == null ? "invalid" : message;
        return text.length() <= FaultText.MAX_EXCERPT ? safe : safe.replace(text, FaultText.excerpt(text));
    }

    /**
     * A parser's message without its leading "invalid SID 'x': " or "address 'x': ", which the
     * fault message already says in its own words; the message unchanged if it has neither.
     */
    private static String jsonReason(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        if (reason == null || reason.isBlank()) {
            return "malformed JSON";
        }
        if (reason.startsWith("Trailing token")) {
            return "more than one JSON value on the line";
        }
        if (reason.startsWith("Duplicate field ")) {
            return "duplicate field " + reason.substring("Duplicate field ".length());
        }
        int newline = reason.indexOf('\n');
        return newline < 0 ? reason : reason.substring(0, newline);
    }

    private static String kind(JsonNode node) {
        switch (node.getNodeType()) {
            case ARRAY:
                return "an array";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }
}
