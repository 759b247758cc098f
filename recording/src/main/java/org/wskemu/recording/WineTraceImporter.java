package org.wskemu.recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wskemu.api.HostAddress;
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
    /**
     * Wine's netio.sys (its WSK provider, on top of ws2_32) traces a WSK driver's calls on this channel; its
     * {@code wsk_bind status S.} is the status the driver got, which a kernel-mode recording expects.
     */
    private static final String NETIO = ":trace:netio:";
    private static final Pattern NETIO_LINE = Pattern.compile("([0-9a-fA-F]{1,8}):([0-9a-fA-F]{1,8}):trace:netio:(\\w+) ?(.*)");
    /** Longest line read: a longer one (an endless line, {@code /dev/zero}) is refused as soon as it is seen. */
    private static final int MAX_LINE = 1024 * 1024;
    /** Longest winsock line: Wine's own are under 300 characters. */
    private static final int MAX_WINSOCK_LINE = 64 * 1024;

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
    private static final Pattern GETSOCKOPT = Pattern.compile(
            "socket (0x[0-9a-fA-F]{1,16}), level (\\S+), name (\\S+), optval \\S+, optlen \\S+ \\((-?\\d+)\\)");
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
    private static final int INVALID_ADDRESS_COMPONENT = 0xC0000207;

    @Override
    public Format format() {
        return Format.WINE;
    }

    /** One recorded call, filled in as its lines arrive. */
    private static final class Call {
        enum Kind { CREATE, SET, GET, BIND, LISTEN, CLOSE }

        final Kind kind;
        final int line;
        final int pid;
        final String thread;
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
        Integer boundPort;
        Integer status;
        int resultLine;
        /** closesocket's return value and then the Winsock error, from {@code +relay} lines. */
        Object winsockResult;
        boolean awaitingLastError;
        /** No further line of the trace can complete this call: it may be written. */
        boolean done;
        /** The WSK status netio traced for this bind ({@code wsk_bind status S.}), when the trace has netio lines. */
        Integer wskStatus;
        int wskLine;

        Call(Kind kind, int line, int pid, String thread, String text) {
            this.kind = kind;
            this.line = line;
            this.pid = pid;
            this.thread = thread;
            this.text = text;
        }

        String key() {
            return processKey(pid) + ":" + handleKey(handle);
        }
    }

    /** Receives the calls of a trace in trace order, each once it is complete. */
    private interface CallSink {
        void accept(Call call);
    }

    /**
     * The calls read but not yet handed on, in trace order. A call's result line comes from its own
     * thread before that thread's next call, so a call is complete at its result or at its thread's next
     * call; the head is handed on as soon as it is complete, so only the calls of threads still awaiting
     * a result are held. [emulator choice] A call still without a result after {@value #MAX_WAITING} later
     * calls is handed on without one (a thread that never calls again), which bounds what is held.
     */
    private static final class InFlight {
        static final int MAX_WAITING = 4096;

        private final ArrayDeque<Call> queue = new ArrayDeque<>();
        private final Map<String, Call> pending = new HashMap<>();
        private final CallSink sink;
        /** Whether the trace has netio lines: a bind then awaits netio's status after ws2_32's. */
        final boolean netio;

        InFlight(CallSink sink, boolean netio) {
            this.sink = sink;
            this.netio = netio;
        }

        /** A new call on its thread: the thread's earlier call can no longer get a result. */
        void start(Call call, boolean awaitsResult) {
            Call earlier = pending.remove(call.thread);
            if (earlier != null) {
                earlier.done = true;
            }
            queue.add(call);
            if (awaitsResult) {
                pending.put(call.thread, call);
            } else {
                call.done = true;
            }
            if (queue.size() > MAX_WAITING) {
                Call head = queue.peek();
                head.done = true;
                pending.remove(head.thread, head);
            }
            drain();
        }

        /** The call of {@code thread} awaiting its result, if any. */
        Call waiting(String thread) {
            return pending.get(thread);
        }

        /** {@code call} got its result. */
        void complete(Call call) {
            pending.remove(call.thread, call);
            call.done = true;
            drain();
        }

        /** The end of the trace: every call is complete. */
        void finish() {
            queue.forEach(c -> c.done = true);
            pending.clear();
            drain();
        }

        private void drain() {
            while (!queue.isEmpty() && queue.peek().done) {
                sink.accept(queue.poll());
            }
        }
    }

    @Override
    public ImportSummary importTo(String displayName, RecordingSource source, ImportOptions options, java.io.Writer writer)
            throws ImportException {
        // Pass 1 checks the whole trace (so a malformed one writes nothing) and learns which sockets are
        // listened on later; pass 2 writes. Neither holds the trace.
        Set<String> listened = new HashSet<>();
        Map<String, Integer> openedAt = new HashMap<>();
        Map<String, Integer> types = new HashMap<>();
        Set<HostAddress> provenLocal = new LinkedHashSet<>();
        boolean[] invalidAddress = {false};
        boolean netio = parse(displayName, source, call -> {
            if (call.handle == null) {
                return;
            }
            if (call.kind == Call.Kind.CREATE) {
                openedAt.put(call.key(), call.line);
                types.put(call.key(), call.type);
            } else if (call.kind == Call.Kind.LISTEN && openedAt.containsKey(call.key())) {
                listened.add(call.key() + "@" + openedAt.get(call.key()));
            } else if (call.kind == Call.Kind.BIND && call.address != null && call.status != null) {
                if (call.status == INVALID_ADDRESS_COMPONENT) {
                    invalidAddress[0] = true;
                } else if (!call.address.isWildcard() && !call.address.isLoopback()
                        && Integer.valueOf(SOCK_STREAM).equals(types.get(call.key()))) {
                    provenLocal.add(HostAddress.of(call.address));
                }
            }
        }, false);
        openedAt.clear();
        types.clear();
        // Where the trace shows the machine's addresses, use them: a TCP bind of a specific address that
        // Linux answered with anything but EADDRNOTAVAIL (INVALID_ADDRESS_COMPONENT) proves the address local,
        // since Linux checks the address before the port. UDP binds prove nothing (Wine rebinds them to
        // INADDR_ANY, README). Used only when the trace has an INVALID_ADDRESS_COMPONENT and --host is not given.
        List<HostAddress> derived = options.hosts().isEmpty() && invalidAddress[0] ? List.copyOf(provenLocal) : List.of();
        Output output = new Output(displayName, new SessionBuilder(writer, options, WINE_USER), listened,
                !options.hosts().isEmpty() || !derived.isEmpty());
        output.header(options, netio);
        if (!derived.isEmpty()) {
            output.derivedHost(derived);
        }
        parse(displayName, source, output::write, netio);
        return output.summary();
    }

    /** @return whether the trace has netio lines (a WSK driver's calls) */
    private static boolean parse(String file, RecordingSource source, CallSink sink, boolean netio) throws ImportException {
        try (InputStream in = source.open()) {
            return parse(file, in, sink, netio);
        } catch (IOException e) {
            throw ImportException.unreadable(file, e);
        }
    }

    private static boolean parse(String file, InputStream in, CallSink sink, boolean netio) throws ImportException, IOException {
        // Wine writes ASCII with its own escapes; stray bytes from the program's output are replaced,
        // never fatal: only the winsock lines are read.
        BoundedLines reader = new BoundedLines(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), MAX_LINE);
        InFlight calls = new InFlight(sink, netio);
        int number = 0;
        int winsockLines = 0;
        boolean sawNetio = false;
        long bytes = 0;
        for (String line = reader.next(); line != null; line = reader.next()) {
            number++;
            if (reader.cut()) {
                throw ImportException.at(file, number, "a line longer than " + MAX_LINE
                        + " characters (a Wine trace line is far shorter): refused");
            }
            bytes += line.length() + 1;
            if (bytes > MAX_BYTES) {
                throw ImportException.of(file, "refused: the trace is larger than 64 MiB");
            }
            if (line.indexOf(NETIO) >= 0 && line.length() <= MAX_WINSOCK_LINE) {
                sawNetio = true;
                Matcher wsk = NETIO_LINE.matcher(line);
                if (wsk.matches() && wsk.group(3).equals("wsk_bind")) {
                    Matcher status = STATUS.matcher(wsk.group(4));
                    Call call = calls.waiting(wsk.group(1) + ":" + wsk.group(2));
                    if (status.matches() && call != null && call.kind == Call.Kind.BIND && call.status != null) {
                        call.wskStatus = parseStatus(status.group(1));
                        call.wskLine = number;
                        calls.complete(call);
                    }
                }
                continue;
            }
            int channel = line.indexOf(CHANNEL);
            if (channel < 0) {
                Matcher relay = RELAY_RET.matcher(line);
                if (relay.matches()) {
                    relayReturn(number, relay, calls);
                }
                continue;
            }
            if (line.length() > MAX_WINSOCK_LINE) {
                throw ImportException.at(file, number, "a winsock trace line longer than " + MAX_WINSOCK_LINE + " characters");
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
            readLine(file, number, (int) pid, thread, m.group(3), m.group(4), calls);
        }
        if (winsockLines == 0) {
            throw ImportException.of(file, "no Wine winsock trace line (PID:TID:trace:winsock:...) found;"
                    + " record with WINEDEBUG=+winsock,+pid,+tid");
        }
        calls.finish();
        return sawNetio;
    }

    private static void readLine(String file, int number, int pid, String thread, String function, String message,
                                 InFlight calls) throws ImportException {
        String text = function + " " + message;
        Matcher m;
        switch (function) {
            case "WSASocketW" -> {
                if ((m = SOCKET_ARGS.matcher(message)).matches()) {
                    Call call = new Call(Call.Kind.CREATE, number, pid, thread, text);
                    call.family = parseInt(file, number, m.group(1));
                    call.type = parseInt(file, number, m.group(2));
                    call.protocol = parseInt(file, number, m.group(3));
                    calls.start(call, true);
                } else if ((m = CREATED.matcher(message)).matches()) {
                    Call call = calls.waiting(thread);
                    if (call != null && call.kind == Call.Kind.CREATE) {
                        call.handle = m.group(1);
                        call.resultLine = number;
                        calls.complete(call);
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
                Call call = new Call(Call.Kind.SET, number, pid, thread, text);
                call.handle = m.group(1);
                call.level = m.group(2);
                call.option = m.group(3);
                call.value = m.group(5) == null ? null : parseDword(file, number, m.group(5));
                call.optlen = parseInt(file, number, m.group(6));
                calls.start(call, true);
            }
            case "getsockopt" -> {
                if (!(m = GETSOCKOPT.matcher(message)).matches()) {
                    if (message.startsWith("socket ")) {
                        throw unreadable(file, number, text);
                    }
                    return;
                }
                Call call = new Call(Call.Kind.GET, number, pid, thread, text);
                call.handle = m.group(1);
                call.level = m.group(2);
                call.option = m.group(3);
                call.optlen = parseInt(file, number, m.group(4));
                calls.start(call, true);
            }
            case "server_setsockopt", "server_getsockopt" -> {
                if (!(m = STATUS.matcher(message)).matches()) {
                    if (message.startsWith("status")) {
                        throw unreadable(file, number, text);
                    }
                    return;
                }
                Call.Kind kind = function.equals("server_setsockopt") ? Call.Kind.SET : Call.Kind.GET;
                Call call = calls.waiting(thread);
                if (call != null && call.kind == kind && call.status == null) {
                    call.status = parseStatus(m.group(1));
                    call.resultLine = number;
                    calls.complete(call);
                }
            }
            case "bind" -> {
                if ((m = BIND.matcher(message)).matches()) {
                    Call call = new Call(Call.Kind.BIND, number, pid, thread, text);
                    call.handle = m.group(1);
                    call.address = address(file, number, m.group(2)).orElse(null);
                    calls.start(call, true);
                } else if ((m = BOUND.matcher(message)).matches()) {
                    Call call = calls.waiting(thread);
                    if (call != null && call.kind == Call.Kind.BIND) {
                        call.boundPort = address(file, number, m.group(1)).map(TransportAddress::port).orElse(null);
                        finishBind(calls, call, 0, number, m.group(1));
                    }
                } else if ((m = BIND_FAILED.matcher(message)).matches()) {
                    Call call = calls.waiting(thread);
                    if (call != null && call.kind == Call.Kind.BIND) {
                        finishBind(calls, call, parseStatus(m.group(1)), number, null);
                    }
                } else if (message.startsWith("socket ") || message.startsWith("successfully ") || message.startsWith("failed")) {
                    throw unreadable(file, number, text);
                }
                // another bind message (other Wine versions trace more): skipped
            }
            case "listen" -> {
                if ((m = LISTEN.matcher(message)).matches()) {
                    Call call = new Call(Call.Kind.LISTEN, number, pid, thread, text);
                    call.handle = m.group(1);
                    calls.start(call, false);
                }
                // "listen status S." is listen's own result: not a call the session format has.
            }
            case "closesocket" -> {
                if (!(m = CLOSE.matcher(message)).matches()) {
                    throw unreadable(file, number, text);
                }
                Call call = new Call(Call.Kind.CLOSE, number, pid, thread, text);
                call.handle = m.group(1);
                calls.start(call, true);
            }
            default -> {
                // sock_ioctl, inet_ntop, WSAStartup, ...: nothing the session format records.
            }
        }
    }

    /** A relay {@code Ret} line: closesocket's return value, then (on failure) WSAGetLastError's. */
    private static void relayReturn(int number, Matcher relay, InFlight calls) {
        String thread = relay.group(1) + ":" + relay.group(2);
        Call call = calls.waiting(thread);
        if (call == null || call.kind != Call.Kind.CLOSE) {
            return;
        }
        long value = Long.parseUnsignedLong(relay.group(4), 16);
        if (relay.group(3).equals("closesocket") && call.winsockResult == null && !call.awaitingLastError) {
            call.resultLine = number;
            if (value == 0) {
                call.winsockResult = StatusNames.winsock(0);
                calls.complete(call);
            } else {
                call.awaitingLastError = true; // SOCKET_ERROR: the error comes from the next WSAGetLastError
            }
        } else if (relay.group(3).equals("WSAGetLastError") && call.awaitingLastError) {
            call.winsockResult = StatusNames.winsock((int) value);
            call.awaitingLastError = false;
            call.resultLine = number;
            calls.complete(call);
        }
    }

    private static void finishBind(InFlight calls, Call call, int status, int number, String boundTo) {
        call.status = status;
        call.resultLine = number;
        call.boundTo = boundTo;
        if (calls.netio) {
            return; // a WSK driver's bind: netio's "wsk_bind status S." follows (or the thread's next call)
        }
        calls.complete(call);
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

    /** The second pass: writes each complete call, in trace order. */
    private static final class Output {
        private final String file;
        private final SessionBuilder out;
        private final Set<String> listened;
        private final boolean hostGiven;
        private final Labels labels = new Labels();
        /** Sockets by key: whether wskemu models them (inet or inet6, stream or datagram). */
        private final Map<String, Boolean> modelled = new HashMap<>();
        private long traced;
        private long imported;
        private long commented;
        private long assumed;
        private long needHost;

        Output(String file, SessionBuilder out, Set<String> listened, boolean hostGiven) {
            this.file = file;
            this.out = out;
            this.listened = listened;
            this.hostGiven = hostGiven;
        }

        void header(ImportOptions options, boolean netio) {
            out.comment("Imported by 'wskemu import --from wine' from " + Text.safe(file) + ".");
            out.comment("Each call line follows a comment naming the trace line it comes from (trace line N); a call the");
            out.comment("session format cannot express is that comment alone, saying why.");
            out.comment("Statuses are the NTSTATUS values Wine's ws2_32 traced for its AFD requests (bind, setsockopt, getsockopt);");
            out.comment("Wine's +winsock channel does not trace closesocket's result: a close line has an expect only where a");
            out.comment("+relay line (RelayInclude ws2_32.closesocket;ws2_32.WSAGetLastError) gives it, as a Winsock result.");
            out.comment("Socket labels are PROCESS:HANDLE as the trace writes them (hex); #2 marks a handle reused.");
            if (netio) {
                out.comment("Kernel mode: the trace has Wine netio.sys lines, a WSK driver's calls, which netio makes through");
                out.comment("ws2_32 (the winsock lines). A bind's expect is netio's wsk_bind status, the status the driver got;");
                out.comment("replay under --profile wsk. A WSK socket created with WSK_FLAG_LISTEN_SOCKET shows netio's listen().");
            }
            out.host(options.hosts());
        }

        void derivedHost(List<HostAddress> addresses) {
            out.host(addresses, "the machine's addresses as the trace shows them (no --host given): TCP binds of these addresses"
                    + " got an answer other than INVALID_ADDRESS_COMPONENT, so the machine owns them; it may own more,"
                    + " which import --host ADDR[,ADDR...] gives");
        }

        ImportSummary summary() {
            out.flush();
            return new ImportSummary(traced, imported, commented, assumed, needHost, out.jsonLines(), out.commentLines());
        }

        void write(Call call) {
            if (call.kind == Call.Kind.LISTEN) {
                return; // gives the socket its category (pass 1); not a call the session format has
            }
            traced++;
            String where = "trace line " + call.line + ": " + Text.safe(call.text);
            if (call.kind == Call.Kind.CREATE) {
                create(call, where);
                return;
            }
            String key = call.key();
            Optional<String> label = labels.live(key);
            boolean closed = false;
            if (label.isEmpty()) {
                label = labels.last(key);
                closed = label.isPresent();
            }
            if (label.isEmpty() || Boolean.FALSE.equals(modelled.get(key))) {
                skipped(where, Boolean.FALSE.equals(modelled.get(key)) ? "a socket wskemu does not model"
                        : "socket " + Text.safe(call.handle) + " was not created in this trace");
                return;
            }
            switch (call.kind) {
                case SET -> set(call, where, label.get(), closed);
                case GET -> get(call, where, label.get(), closed);
                case BIND -> bind(call, where, label.get(), closed);
                case CLOSE -> close(call, where, key, label.get(), closed);
                default -> throw new IllegalStateException("unexpected call kind " + call.kind);
            }
        }

        private void skipped(String where, String why) {
            commented++;
            out.comment(where);
            out.comment("  not imported: " + why);
        }

        private void imported() {
            imported++;
        }

        private void create(Call call, String where) {
            if (call.handle == null) {
                skipped(where, "no 'created' line follows: the socket was not created (or the trace is cut)");
                return;
            }
            String key = call.key();
            boolean inet = call.family == AF_INET || call.family == AF_INET6;
            boolean known = call.type == SOCK_STREAM || call.type == SOCK_DGRAM;
            Optional<String> reused = labels.live(key);
            modelled.put(key, inet && known);
            if (!inet || !known) {
                labels.close(key);
                skipped(where + " -> " + call.handle, "family " + call.family + ", type " + call.type
                        + " is not modelled by wskemu; this socket's calls are skipped");
                return;
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
            if (reused.isPresent()) {
                out.comment("  handle " + Text.safe(call.handle) + " is reused, but the trace shows no close of socket "
                        + reused.get() + ": that socket stays open (and bound) in the replay, which may then refuse"
                        + " binds the recording made");
            }
            out.comment("  category " + category + ": " + why);
            out.socket(label, category, call.family == AF_INET ? "inet" : "inet6", call.pid,
                    Optional.of(StatusNames.ntStatus(0)));
            imported();
        }

        private void closedNote(boolean closed, String label) {
            if (closed) {
                out.comment("  socket " + label + " is closed in the trace: the replay answers INVALID_HANDLE"
                        + " (Winsock WSAENOTSOCK)");
            }
        }

        /** The option a set or get names, as wskemu models it; null, the call skipped with why, when it models none. */
        private String modelledOrSkipped(Call call, String where) {
            String option = modelledOption(call.level, call.option);
            if (option == null) {
                skipped(where, Text.safe(call.level) + "/" + Text.safe(call.option)
                        + " is not an option wskemu models (SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, IPV6_V6ONLY)");
            }
            return option;
        }

        private void set(Call call, String where, String label, boolean closed) {
            String option = modelledOrSkipped(call, where);
            if (option == null) {
                return;
            }
            long value;
            String note = null;
            if (call.optlen < 0) {
                skipped(where, "optlen " + call.optlen + " is negative: no InputSize expresses it");
                return;
            } else if (call.optlen == 0) {
                value = 0; // the value does not matter (SPEC.md 7: InputSize 0 sets 0 where it succeeds)
                note = "  optlen 0: no value is passed; the value written (0) is not read";
            } else if (call.value != null) {
                value = call.value;
            } else if (call.optlen > 4) {
                value = 1;
                assumed++;
                note = "  the trace does not show the value (Wine prints values of 1 to 4 bytes only): ASSUMED non-zero (1)";
            } else {
                skipped(where, "the trace shows no value for optlen " + call.optlen + " (a NULL optval: Wine refuses it"
                        + " before any server call)");
                return;
            }
            out.comment(where + resultText(call));
            if (note != null) {
                out.comment(note);
            }
            closedNote(closed, label);
            if (call.status == null) {
                out.comment("  no result for this call in the trace: no expect");
            }
            out.set(label, option, value, call.optlen, expect(call));
            imported();
        }

        private void get(Call call, String where, String label, boolean closed) {
            String option = modelledOrSkipped(call, where);
            if (option == null) {
                return;
            }
            if (call.optlen < 0) {
                skipped(where, "optlen " + call.optlen + " is negative: no OutputSize expresses it");
                return;
            }
            out.comment(where + resultText(call));
            closedNote(closed, label);
            if (call.status == null) {
                out.comment("  no server_getsockopt line: ws2_32 answered before asking its AFD layer (WSAEFAULT for an"
                        + " optlen of 0, WSAENOTSOCK for a closed handle), and the trace does not show it: no expect");
            } else {
                out.comment("  the value read is not in the trace (Wine traces no getsockopt result): no expectValue");
            }
            out.get(label, option, call.optlen, expect(call));
            imported();
        }

        private void bind(Call call, String where, String label, boolean closed) {
            if (call.address == null) {
                skipped(where, "an address family wskemu does not model");
                return;
            }
            out.comment(where + resultText(call));
            closedNote(closed, label);
            if (call.status == null) {
                out.comment("  no result for this call in the trace: no expect");
            }
            Optional<Integer> recordedPort = Optional.empty();
            if (call.address.isEphemeralRequest() && call.boundPort != null && call.boundPort > 0) {
                recordedPort = Optional.of(call.boundPort);
                out.comment("  recordedPort " + call.boundPort + ": the port Wine's system gave this port-0 bind (SPEC.md 6,"
                        + " rule 1a)");
            }
            if (call.status != null && call.status == INVALID_ADDRESS_COMPONENT && !hostGiven) {
                needHost++;
                out.comment("  INVALID_ADDRESS_COMPONENT: the machine does not own this address; the replay needs the"
                        + " machine's addresses (import --host ADDR[,ADDR...] writes them as a host line), else every"
                        + " address is local and the replay diverges");
            }
            out.bind(label, call.address, recordedPort, expect(call));
            imported();
        }

        private void close(Call call, String where, String key, String label, boolean closed) {
            if (call.winsockResult != null) {
                out.comment(where + " (relay line " + call.resultLine + ": closesocket's result " + call.winsockResult + ")");
            } else {
                out.comment(where);
                out.comment("  Wine's +winsock channel traces no result for closesocket, and no +relay line gives it: no expect");
            }
            closedNote(closed, label);
            out.close(label, Optional.ofNullable(call.winsockResult));
            labels.close(key);
            imported();
        }
    }

    private static String resultText(Call call) {
        if (call.status == null) {
            return "";
        }
        String wsk = call.wskStatus == null ? "" : "; netio line " + call.wskLine + ": wsk_bind status "
                + String.format("0x%08x", call.wskStatus) + ", what the WSK driver got";
        if (call.boundTo != null) {
            return " (trace line " + call.resultLine + ": bound to " + Text.safe(call.boundTo) + wsk + ")";
        }
        if (!wsk.isEmpty()) {
            return " (trace line " + call.resultLine + ": ws2_32's AFD answered " + String.format("0x%08x", call.status) + wsk + ")";
        }
        return " (trace line " + call.resultLine + ": status " + String.format("0x%08x", call.status) + ")";
    }

    private static Optional<Object> expect(Call call) {
        return Optional.ofNullable(call.wskStatus != null ? call.wskStatus : call.status).map(StatusNames::ntStatus);
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

    /** A DWORD as Wine's {@code debugstr_optval} prints it ({@code %u}; older Wine: signed). */
    private static long parseDword(String file, int number, String text) throws ImportException {
        try {
            long value = Long.parseLong(text);
            if (value < Integer.MIN_VALUE || value > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ImportException.at(file, number, "'" + Text.safe(text) + "' is not a 32-bit number");
        }
    }

    private static int parseStatus(String text) {
        return text.equals("0") ? 0 : (int) Long.parseLong(text.substring(2), 16);
    }

    private static ImportException unreadable(String file, int number, String text) {
        return ImportException.at(file, number, "unreadable winsock trace line: '" + Text.safe(text) + "'");
    }
}
