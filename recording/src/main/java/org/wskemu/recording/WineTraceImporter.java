package org.wskemu.recording;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wskemu.api.TransportAddress;
import org.wskemu.security.Sid;

/**
 * Reads Wine's {@code WINEDEBUG=+winsock,+pid,+tid} trace (what Wine writes to stderr; other
 * channels' lines and the program's own output are skipped).
 *
 * <p>What Wine 8's {@code dlls/ws2_32/socket.c} logs, as recorded by the fixtures under
 * {@code src/test/resources/wine}, and what the import makes of it:
 * <ul>
 *   <li>{@code WSASocketW family F, type T, protocol P, ...} then {@code WSASocketW created 0xH}:
 *       a {@code socket} line, {@code expect} SUCCESS (the handle exists). No "created": no socket.</li>
 *   <li>{@code setsockopt socket 0xH, level L, name N, optval ADDR (V), optlen N} then
 *       {@code server_setsockopt status S.}: a {@code set} line whose {@code expect} is the NTSTATUS
 *       Wine's AFD answered. Only the options SESSION-FORMAT.md models are written.</li>
 *   <li>{@code bind socket 0xH, addr { family ..., address A, port P }} then either
 *       {@code bind successfully bound to address {...}} (SUCCESS) or {@code bind failed, status S.}
 *       (the NTSTATUS): a {@code bind} line.</li>
 *   <li>{@code listen socket 0xH, backlog N}: no line; it makes the socket's category {@code listen}.</li>
 *   <li>{@code closesocket 0xH}: a {@code close} line with no {@code expect}: Wine's winsock channel does
 *       not log closesocket's result, and the import invents none. When the trace also holds
 *       {@code +relay} lines of ws2_32 (a {@code RelayInclude} of {@code ws2_32.closesocket;ws2_32.WSAGetLastError}),
 *       {@code Ret  ws2_32.closesocket() retval=0} gives {@code NO_ERROR}, and a failure's following
 *       {@code Ret  ws2_32.WSAGetLastError() retval=E} the Winsock error E.</li>
 * </ul>
 * A call whose result line never comes (a failure Wine reports without a trace, a cut trace) gets no
 * {@code expect}, and its comment says so.
 */
final class WineTraceImporter implements Importer {

    /**
     * Wine runs every process as one user, {@code S-1-5-21-0-0-0-1000} (Wine {@code server/token.c},
     * {@code local_user_sid}); the trace names no token.
     */
    static final SessionBuilder.DefaultUser WINE_USER = new SessionBuilder.DefaultUser(Sid.parse("S-1-5-21-0-0-0-1000"),
            "the trace names no token, and Wine runs every process as this user (Wine server/token.c)");

    private static final String CHANNEL = ":trace:winsock:";
    private static final int MAX_LINE = 64 * 1024;

    /**
     * Wine's {@code +relay} return line of a ws2_32 export, when the trace carries one (recorded with a
     * {@code RelayInclude} of {@code ws2_32.closesocket;ws2_32.WSAGetLastError}): the only source of
     * closesocket's result, read when present and never assumed when absent.
     */
    private static final Pattern RELAY_RET = Pattern.compile(
            "([0-9a-fA-F]{1,8}):([0-9a-fA-F]{1,8}):Ret  ws2_32\\.(closesocket|WSAGetLastError)\\(\\) retval=([0-9a-fA-F]{1,16}) .*");
    private static final Pattern PREFIX = Pattern.compile("([0-9a-fA-F]{1,8}):([0-9a-fA-F]{1,8}):trace:winsock:(\\w+) ?(.*)");
    private static final Pattern SOCKET_ARGS = Pattern.compile(
            "family (-?\\d+), type (-?\\d+), protocol (-?\\d+)(?:,.*)?");
    private static final Pattern CREATED = Pattern.compile("created (0x[0-9a-fA-F]{1,16})");
    private static final Pattern SETSOCKOPT = Pattern.compile(
            "socket (0x[0-9a-fA-F]{1,16}), level (\\S+), name (\\S+), optval (\\S+)(?: \\((-?\\d+)\\))?, optlen (-?\\d+)");
    private static final Pattern STATUS = Pattern.compile("status (0x[0-9a-fA-F]{1,8}|0)\\.?");
    private static final Pattern BIND = Pattern.compile("socket (0x[0-9a-fA-F]{1,16}), addr \\{ (.*) \\}(?:, len \\d+)?");
    private static final Pattern BOUND = Pattern.compile("successfully bound to address \\{ (.*) \\}");
    private static final Pattern BIND_FAILED = Pattern.compile("failed, status (0x[0-9a-fA-F]{1,8})\\.?");
    private static final Pattern LISTEN = Pattern.compile("socket (0x[0-9a-fA-F]{1,16}), backlog (-?\\d+)");
    private static final Pattern CLOSE = Pattern.compile("(0x[0-9a-fA-F]{1,16})");

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 23;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;

    @Override
    public Format format() {
        return Format.WINE;
    }

    /** One recorded call, filled in as its lines arrive. */
    private static final class Call {
        enum Kind { CREATE, SET, BIND, LISTEN, CLOSE }

        final Kind kind;
        final int line;
        final int pid;
        final String text;
        String handle;
        int family;
        int type;
        int protocol;
        String level;
        String option;
        Long value;
        int optlen;
        TransportAddress address;
        String boundTo;
        Integer status;
        int resultLine;
        /** closesocket's return value and then the Winsock error, from {@code +relay} lines. */
        Object winsockResult;
        boolean awaitingLastError;

        Call(Kind kind, int line, int pid, String text) {
            this.kind = kind;
            this.line = line;
            this.pid = pid;
            this.text = text;
        }

        String key() {
            return processKey(pid) + ":" + handleKey(handle);
        }
    }

    @Override
    public ImportedSession read(String displayName, InputStream in, ImportOptions options) throws ImportException {
        List<Call> calls = parse(displayName, in);
        return write(displayName, calls, options);
    }

    private static List<Call> parse(String file, InputStream in) throws ImportException {
        // Wine writes ASCII with its own escapes; stray bytes from the program's output are replaced,
        // never fatal: only the winsock lines are read.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
        List<Call> calls = new ArrayList<>();
        Map<String, Call> pending = new HashMap<>();
        int number = 0;
        int winsockLines = 0;
        long bytes = 0;
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                bytes += line.length() + 1;
                if (bytes > MAX_BYTES) {
                    throw ImportException.of(file, "refused: the trace is larger than 64 MiB");
                }
                int channel = line.indexOf(CHANNEL);
                if (channel < 0) {
                    if (line.length() <= MAX_LINE) {
                        Matcher relay = RELAY_RET.matcher(line);
                        if (relay.matches()) {
                            relayReturn(number, relay, pending);
                        }
                    }
                    continue;
                }
                if (line.length() > MAX_LINE) {
                    throw ImportException.at(file, number, "a winsock trace line longer than " + MAX_LINE + " characters");
                }
                Matcher m = PREFIX.matcher(line);
                if (!m.matches()) {
                    throw ImportException.at(file, number, "a winsock trace line without the PID:TID: prefix"
                            + " (record with WINEDEBUG=+winsock,+pid,+tid): '" + Text.safe(line) + "'");
                }
                winsockLines++;
                long pid = Long.parseLong(m.group(1), 16);
                if (pid > Integer.MAX_VALUE) {
                    throw ImportException.at(file, number, "process id 0x" + m.group(1) + " is out of range");
                }
                String thread = m.group(1) + ":" + m.group(2);
                readLine(file, number, (int) pid, thread, m.group(3), m.group(4), calls, pending);
            }
        } catch (IOException e) {
            throw ImportException.of(file, "cannot read: " + Text.safe(String.valueOf(e.getMessage())));
        }
        if (winsockLines == 0) {
            throw ImportException.of(file, "no Wine winsock trace line (PID:TID:trace:winsock:...) found;"
                    + " record with WINEDEBUG=+winsock,+pid,+tid");
        }
        return calls;
    }

    private static void readLine(String file, int number, int pid, String thread, String function, String message,
                                 List<Call> calls, Map<String, Call> pending) throws ImportException {
        String text = function + " " + message;
        Matcher m;
        switch (function) {
            case "WSASocketW" -> {
                if ((m = SOCKET_ARGS.matcher(message)).matches()) {
                    Call call = new Call(Call.Kind.CREATE, number, pid, text);
                    call.family = parseInt(file, number, m.group(1));
                    call.type = parseInt(file, number, m.group(2));
                    call.protocol = parseInt(file, number, m.group(3));
                    calls.add(call);
                    pending.put(thread, call);
                } else if ((m = CREATED.matcher(message)).matches()) {
                    Call call = pending.remove(thread);
                    if (call != null && call.kind == Call.Kind.CREATE) {
                        call.handle = m.group(1);
                        call.resultLine = number;
                    }
                } else if (message.startsWith("family ") || message.startsWith("created ")) {
                    throw unreadable(file, number, text);
                }
                // [emulator choice] another WSASocketW message (other Wine versions trace more) is skipped.
            }
            case "setsockopt" -> {
                if (!(m = SETSOCKOPT.matcher(message)).matches()) {
                    if (message.startsWith("socket ")) {
                        throw unreadable(file, number, text);
                    }
                    return; // another setsockopt message: not the call's own line
                }
                Call call = new Call(Call.Kind.SET, number, pid, text);
                call.handle = m.group(1);
                call.level = m.group(2);
                call.option = m.group(3);
                call.value = m.group(5) == null ? null : (long) parseInt(file, number, m.group(5));
                call.optlen = parseInt(file, number, m.group(6));
                calls.add(call);
                pending.put(thread, call);
            }
            case "server_setsockopt" -> {
                if (!(m = STATUS.matcher(message)).matches()) {
                    if (message.startsWith("status")) {
                        throw unreadable(file, number, text);
                    }
                    return;
                }
                Call call = pending.get(thread);
                if (call != null && call.kind == Call.Kind.SET && call.status == null) {
                    call.status = parseStatus(m.group(1));
                    call.resultLine = number;
                    pending.remove(thread);
                }
            }
            case "bind" -> {
                if ((m = BIND.matcher(message)).matches()) {
                    Call call = new Call(Call.Kind.BIND, number, pid, text);
                    call.handle = m.group(1);
                    call.address = address(file, number, m.group(2)).orElse(null);
                    calls.add(call);
                    pending.put(thread, call);
                } else if ((m = BOUND.matcher(message)).matches()) {
                    finishBind(pending.remove(thread), 0, number, m.group(1));
                } else if ((m = BIND_FAILED.matcher(message)).matches()) {
                    finishBind(pending.remove(thread), parseStatus(m.group(1)), number, null);
                } else if (message.startsWith("socket ") || message.startsWith("successfully ") || message.startsWith("failed")) {
                    throw unreadable(file, number, text);
                }
                // another bind message (other Wine versions trace more): skipped
            }
            case "listen" -> {
                if ((m = LISTEN.matcher(message)).matches()) {
                    Call call = new Call(Call.Kind.LISTEN, number, pid, text);
                    call.handle = m.group(1);
                    calls.add(call);
                }
                // "listen status S." is listen's own result: not a call the session format has.
            }
            case "closesocket" -> {
                if (!(m = CLOSE.matcher(message)).matches()) {
                    throw unreadable(file, number, text);
                }
                Call call = new Call(Call.Kind.CLOSE, number, pid, text);
                call.handle = m.group(1);
                calls.add(call);
                pending.put(thread, call);
            }
            default -> {
                // sock_ioctl, inet_ntop, WSAStartup, ...: nothing the session format records.
            }
        }
    }

    /** A relay {@code Ret} line: closesocket's return value, then (on failure) WSAGetLastError's. */
    private static void relayReturn(int number, Matcher relay, Map<String, Call> pending) {
        String thread = relay.group(1) + ":" + relay.group(2);
        Call call = pending.get(thread);
        if (call == null || call.kind != Call.Kind.CLOSE) {
            return;
        }
        long value = Long.parseUnsignedLong(relay.group(4), 16);
        if (relay.group(3).equals("closesocket") && call.winsockResult == null && !call.awaitingLastError) {
            call.resultLine = number;
            if (value == 0) {
                call.winsockResult = StatusNames.winsock(0);
                pending.remove(thread);
            } else {
                call.awaitingLastError = true; // SOCKET_ERROR: the error comes from the next WSAGetLastError
            }
        } else if (relay.group(3).equals("WSAGetLastError") && call.awaitingLastError) {
            call.winsockResult = StatusNames.winsock((int) value);
            call.awaitingLastError = false;
            call.resultLine = number;
            pending.remove(thread);
        }
    }

    private static void finishBind(Call call, int status, int number, String boundTo) {
        if (call != null && call.kind == Call.Kind.BIND) {
            call.status = status;
            call.resultLine = number;
            call.boundTo = boundTo;
        }
    }

    /**
     * Wine's {@code debugstr_sockaddr}: {@code family AF_INET, address 127.0.0.1, port 80} or
     * {@code family AF_INET6, address ::1, flow label 0, port 80, scope 0}. Another family is empty
     * (not modelled); a malformed address is an error.
     */
    private static Optional<TransportAddress> address(String file, int number, String text) throws ImportException {
        Map<String, String> parts = new HashMap<>();
        for (String part : text.split(", ")) {
            int space = part.lastIndexOf(' ');
            if (space > 0) {
                parts.put(part.substring(0, space), part.substring(space + 1));
            }
        }
        String family = parts.get("family");
        if (!"AF_INET".equals(family) && !"AF_INET6".equals(family)) {
            return Optional.empty();
        }
        String host = parts.get("address");
        String port = parts.get("port");
        if (host == null || port == null) {
            throw ImportException.at(file, number, "bind address '" + Text.safe(text) + "' has no address or port");
        }
        try {
            return Optional.of(TransportAddress.parse(family.equals("AF_INET") ? host + ":" + port : "[" + host + "]:" + port));
        } catch (IllegalArgumentException e) {
            throw ImportException.at(file, number, Text.safe(String.valueOf(e.getMessage())));
        }
    }

    private static ImportedSession write(String file, List<Call> calls, ImportOptions options) {
        SessionBuilder out = new SessionBuilder(options, WINE_USER);
        out.comment("Imported by 'wskemu import --from wine' from " + Text.safe(file) + ".");
        out.comment("Each call line follows a comment naming the trace line it comes from (trace line N).");
        out.comment("Statuses are the NTSTATUS values Wine's ws2_32 traced for its AFD requests (bind, setsockopt);");
        out.comment("Wine's +winsock channel does not trace closesocket's result: a close line has an expect only where a");
        out.comment("+relay line (RelayInclude ws2_32.closesocket;ws2_32.WSAGetLastError) gives it, as a Winsock result.");
        out.comment("Socket labels are PROCESS:HANDLE as the trace writes them (hex); #2 marks a handle reused after close.");

        Set<String> listened = new HashSet<>();
        Map<String, Integer> openedAt = new HashMap<>();
        for (Call call : calls) {
            if (call.handle == null) {
                continue;
            }
            if (call.kind == Call.Kind.CREATE) {
                openedAt.put(call.key(), call.line);
            } else if (call.kind == Call.Kind.LISTEN && openedAt.containsKey(call.key())) {
                listened.add(call.key() + "@" + openedAt.get(call.key()));
            }
        }

        Labels labels = new Labels();
        Map<String, Boolean> modelled = new HashMap<>();
        for (Call call : calls) {
            String where = "trace line " + call.line + ": " + Text.safe(call.text);
            if (call.kind == Call.Kind.CREATE) {
                if (call.handle == null) {
                    out.comment(where);
                    out.comment("  no 'created' line follows: the socket was not created (or the trace is cut); no socket line");
                    continue;
                }
                String key = call.key();
                boolean inet = call.family == AF_INET || call.family == AF_INET6;
                boolean known = call.type == SOCK_STREAM || call.type == SOCK_DGRAM;
                modelled.put(key, inet && known);
                if (!inet || !known) {
                    out.comment(where + " -> " + call.handle);
                    out.comment("  family " + call.family + ", type " + call.type
                            + " is not modelled by wskemu; this socket's calls are skipped");
                    labels.close(key);
                    continue;
                }
                String label = labels.open(key);
                out.process(call.pid, "trace process 0x" + Integer.toHexString(call.pid), Optional.empty());
                String category;
                String why;
                if (call.type == SOCK_DGRAM) {
                    category = "datagram";
                    why = "SOCK_DGRAM";
                } else if (listened.contains(key + "@" + call.line)) {
                    category = "listen";
                    why = "SOCK_STREAM, and the trace shows listen() on it";
                } else {
                    // [emulator choice] a stream socket never listened on is a connection socket: both
                    // are TCP (SPEC.md 2), so the choice changes no sharing decision.
                    category = "connection";
                    why = "SOCK_STREAM, never listened on in the trace [emulator choice]";
                }
                out.comment(where + " (trace line " + call.resultLine + ": created " + Text.safe(call.handle) + ")");
                out.comment("  category " + category + ": " + why);
                out.socket(label, category, call.family == AF_INET ? "inet" : "inet6", call.pid,
                        Optional.of(StatusNames.ntStatus(0)));
                continue;
            }
            if (call.kind == Call.Kind.LISTEN) {
                continue;
            }
            String key = call.key();
            Optional<String> label = labels.live(key);
            if (label.isEmpty()) {
                out.comment(where);
                out.comment(modelled.containsKey(key) && !modelled.get(key)
                        ? "  skipped: a socket wskemu does not model"
                        : "  skipped: socket " + Text.safe(call.handle) + " was not created in this trace (or is closed)");
                continue;
            }
            switch (call.kind) {
                case SET -> writeSet(out, call, where, label.get());
                case BIND -> writeBind(out, call, where, label.get());
                case CLOSE -> {
                    if (call.winsockResult != null) {
                        out.comment(where + " (relay line " + call.resultLine + ": closesocket's result " + call.winsockResult + ")");
                    } else {
                        out.comment(where);
                        out.comment("  Wine's +winsock channel traces no result for closesocket, and no +relay line gives it: no expect");
                    }
                    out.close(label.get(), Optional.ofNullable(call.winsockResult));
                    labels.close(key);
                }
                default -> throw new IllegalStateException("unexpected call kind " + call.kind);
            }
        }
        return out.build();
    }

    private static void writeSet(SessionBuilder out, Call call, String where, String label) {
        String option = modelledOption(call.level, call.option);
        if (option == null) {
            out.comment(where);
            out.comment("  skipped: " + Text.safe(call.level) + "/" + Text.safe(call.option)
                    + " is not an option wskemu models (SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, IPV6_V6ONLY)");
            return;
        }
        if (call.value == null) {
            out.comment(where);
            out.comment("  skipped: the trace does not show the option's value");
            return;
        }
        out.comment(where + resultText(call));
        if (call.status == null) {
            out.comment("  no result for this call in the trace: no expect");
        }
        out.set(label, option, call.value, call.optlen, expect(call));
    }

    private static void writeBind(SessionBuilder out, Call call, String where, String label) {
        if (call.address == null) {
            out.comment(where);
            out.comment("  skipped: an address family wskemu does not model");
            return;
        }
        out.comment(where + resultText(call));
        if (call.status == null) {
            out.comment("  no result for this call in the trace: no expect");
        }
        out.bind(label, call.address, expect(call));
    }

    private static String resultText(Call call) {
        if (call.status == null) {
            return "";
        }
        if (call.boundTo != null) {
            return " (trace line " + call.resultLine + ": bound to " + Text.safe(call.boundTo) + ")";
        }
        return " (trace line " + call.resultLine + ": status " + String.format("0x%08x", call.status) + ")";
    }

    private static Optional<Object> expect(Call call) {
        return Optional.ofNullable(call.status).map(StatusNames::ntStatus);
    }

    /** The session format's name of an option Wine's {@code debugstr_sockopt} names, or null. */
    private static String modelledOption(String level, String option) {
        if (level.equals("SOL_SOCKET") && (option.equals("SO_REUSEADDR") || option.equals("SO_EXCLUSIVEADDRUSE"))) {
            return option;
        }
        if (level.equals("IPPROTO_IPV6") && option.equals("IPV6_V6ONLY")) {
            return option;
        }
        return null;
    }

    /** {@code 0x30} as {@code 0030}: the handle in hex, at least four digits, as Wine writes pids and tids. */
    private static String handleKey(String handle) {
        String digits = handle.substring(2).toLowerCase(Locale.ROOT).replaceFirst("^0+(?=.)", "");
        return digits.length() >= 4 ? digits : "0".repeat(4 - digits.length()) + digits;
    }

    private static String processKey(int pid) {
        return String.format("%04x", pid);
    }

    private static int parseInt(String file, int number, String text) throws ImportException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ImportException.at(file, number, "'" + Text.safe(text) + "' is not a number");
        }
    }

    private static int parseStatus(String text) {
        return text.equals("0") ? 0 : (int) Long.parseLong(text.substring(2), 16);
    }

    private static ImportException unreadable(String file, int number, String text) {
        return ImportException.at(file, number, "unreadable winsock trace line: '" + Text.safe(text) + "'");
    }
}
