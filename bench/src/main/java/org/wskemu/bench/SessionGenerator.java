package org.wskemu.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * A seeded synthetic session with the mix a recorded driver session has: socket creates, option sets
 * and gets, binds on a few hot ports and many cold ones (wildcard and specific, under all three
 * sharing options, with descriptors that grant and refuse sharing), ephemeral binds, closes, and some
 * misuse (calls after close, NULL IRPs, bad sizes and levels, unknown options, late options, double
 * binds). The same seed and size always give the same calls.
 *
 * <p>The live sockets are kept under {@link #LIVE_CAP}, so a long session keeps a bounded state, as a
 * long-running machine does: the log grows, the set of live bindings does not.
 */
public final class SessionGenerator {

    /** Most sockets open at once; above it the generator closes. */
    static final int LIVE_CAP = 256;
    /** The hot ports: many binds land here, so their Port aggregates get long streams and crowds. */
    static final int[] HOT_PORTS = {80, 443, 8080, 53};

    static final String GRANT_EVERYONE = "D:(A;;GA;;;WD)";
    static final String GRANT_USERS = "O:SYD:(A;;GA;;;SY)(A;;GW;;;BU)";
    static final String SYSTEM_ONLY = "D:(A;;GA;;;SY)";
    static final String DENY_EVERYONE = "D:(D;;GA;;;WD)(A;;GA;;;SY)";

    private static final SecurityDescriptor[] DESCRIPTORS = {
            SecurityDescriptor.parse(GRANT_EVERYONE),
            SecurityDescriptor.parse(GRANT_USERS),
            SecurityDescriptor.parse(SYSTEM_ONLY),
            SecurityDescriptor.parse(DENY_EVERYONE),
    };
    private static final String[] SPECIFIC_V4 = {"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.5", "127.0.0.1",
            "192.168.1.10"};
    private static final String[] SPECIFIC_V6 = {"::1", "fe80::1", "2001:db8::5"};

    /** The declared processes, by pid. */
    static final long[] PIDS = {4, 1200, 1300, 1400};
    static final long TID = 5001;

    /** A socket the generator has created. */
    private static final class Sock {
        final String label;
        final SocketCategory category;
        final AddressFamily family;
        boolean bound;
        boolean closed;
        boolean optionSet;

        Sock(String label, SocketCategory category, AddressFamily family) {
            this.label = label;
            this.category = category;
            this.family = family;
        }
    }

    private final SplittableRandom random;
    private final List<SessionCall> calls;
    /** Where the calls go: {@link #calls}, or a file's writer (issue #15: a session too large to hold). */
    private final Consumer<SessionCall> sink;
    private int count;
    private final List<Sock> live = new ArrayList<>();
    private final List<Sock> closed = new ArrayList<>();
    private final String labelPrefix;
    private int nextLabel = 1;

    private SessionGenerator(long seed, int size, String labelPrefix, Consumer<SessionCall> sink) {
        this.random = new SplittableRandom(seed);
        this.calls = sink == null ? new ArrayList<>(size) : null;
        this.sink = sink == null ? calls::add : sink;
        this.labelPrefix = labelPrefix;
    }

    /** {@code size} calls (at least the five declarations) for {@code seed}. */
    public static List<SessionCall> generate(long seed, int size) {
        return generate(seed, size, "s");
    }

    /** As {@link #generate(long, int)}, labels starting with {@code labelPrefix}. */
    public static List<SessionCall> generate(long seed, int size, String labelPrefix) {
        if (size < 1) {
            throw new IllegalArgumentException("a session needs at least one call");
        }
        SessionGenerator generator = new SessionGenerator(seed, size, labelPrefix, null);
        generator.declarations();
        while (generator.count < size) {
            generator.step();
        }
        return List.copyOf(generator.calls.subList(0, size));
    }

    /**
     * Writes the session {@link #generate(long, int)} gives as a session file ({@code .wsk.jsonl}, one
     * call per line, so each call's line is its number), without holding it: issue #15's runs of
     * millions of calls.
     *
     * @param seed the seed
     * @param size the number of calls, at least 1
     * @param file the file written (replaced)
     * @throws IOException when the file cannot be written
     */
    public static void write(long seed, int size, Path file) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("a session needs at least one call");
        }
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 16)) {
            UncheckedIOException[] failed = {null};
            SessionGenerator generator = new SessionGenerator(seed, size, "s", call -> {
                if (call.line() <= size && failed[0] == null) {
                    try {
                        out.write(SessionLines.line(call));
                        out.write('\n');
                    } catch (IOException e) {
                        failed[0] = new UncheckedIOException(e);
                    }
                }
            });
            generator.declarations();
            while (generator.count < size) {
                generator.step();
            }
            if (failed[0] != null) {
                throw failed[0].getCause();
            }
        }
    }

    private void declarations() {
        add(new SessionCall.DeclareProcess(line(), new ProcessId(4), Token.of(Sid.LOCAL_SYSTEM), null));
        add(new SessionCall.DeclareProcess(line(), new ProcessId(1200),
                Token.of(Sid.parse("S-1-5-21-1-2-3-1001"), Sid.BUILTIN_USERS), null));
        add(new SessionCall.DeclareProcess(line(), new ProcessId(1300),
                Token.of(Sid.parse("S-1-5-21-1-2-3-1002"), Sid.parse("S-1-5-32-546")), null));
        add(new SessionCall.DeclareProcess(line(), new ProcessId(1400), Token.of(Sid.NETWORK_SERVICE), null));
        // a worker thread of the guest's process impersonating the user in BUILTIN\Users
        add(new SessionCall.DeclareThread(line(), new ThreadId(TID), new ProcessId(1300),
                Token.of(Sid.parse("S-1-5-21-1-2-3-1001"), Sid.BUILTIN_USERS), null));
    }

    private void step() {
        if (live.size() >= LIVE_CAP) {
            close(pick(live));
            return;
        }
        if (live.size() < 4) {
            create();
            return;
        }
        int roll = random.nextInt(100);
        if (roll < 22) {
            create();
        } else if (roll < 36) {
            set();
        } else if (roll < 44) {
            get();
        } else if (roll < 75) {
            bind();
        } else if (roll < 95) {
            close(pickPreferBound());
        } else {
            misuse();
        }
    }

    private void create() {
        SocketCategory category = category();
        AddressFamily family = random.nextInt(100) < 80 ? AddressFamily.INET : AddressFamily.INET6;
        long pid = PIDS[random.nextInt(PIDS.length)];
        SecurityDescriptor descriptor = random.nextInt(100) < 45 ? null : DESCRIPTORS[random.nextInt(DESCRIPTORS.length)];
        SocketRequest request = new SocketRequest(category, family, new ProcessId(pid), null, null, descriptor, null);
        if (pid == 1300 && random.nextInt(4) == 0) {
            request = request.withOwner(new ProcessId(1300), new ThreadId(TID));
        }
        Sock sock = new Sock(labelPrefix + nextLabel++, category, family);
        add(new SessionCall.CreateSocket(line(), request.withLabel(sock.label), true, null));
        live.add(sock);
    }

    private SocketCategory category() {
        int roll = random.nextInt(100);
        return roll < 55 ? SocketCategory.LISTEN : roll < 80 ? SocketCategory.DATAGRAM
                : roll < 90 ? SocketCategory.STREAM : roll < 97 ? SocketCategory.CONNECTION : SocketCategory.BASIC;
    }

    private void set() {
        Sock sock = pickUnbound();
        int roll = random.nextInt(100);
        ControlRequest request;
        if (roll < 45) {
            request = ControlRequest.set(OptionCode.SO_REUSEADDR, random.nextInt(10) == 0 ? 0 : 1);
        } else if (roll < 75) {
            request = ControlRequest.set(OptionCode.SO_EXCLUSIVEADDRUSE, random.nextInt(10) == 0 ? 0 : 1);
        } else {
            request = ControlRequest.setSecurity(DESCRIPTORS[random.nextInt(DESCRIPTORS.length)]);
        }
        sock.optionSet = true;
        add(new SessionCall.Control(line(), sock.label, request, true, null, null, null));
    }

    private void get() {
        Sock sock = pick(live);
        int roll = random.nextInt(3);
        OptionCode option = roll == 0 ? OptionCode.SO_REUSEADDR : roll == 1 ? OptionCode.SO_EXCLUSIVEADDRUSE
                : OptionCode.SO_WSK_SECURITY;
        add(new SessionCall.Control(line(), sock.label, ControlRequest.get(option), true, null, null, null));
    }

    private void bind() {
        Sock sock = pickUnbound();
        if (sock == null || sock.bound) {
            create();
            return;
        }
        int roll = random.nextInt(100);
        int port = roll < 10 ? 0 : roll < 45 ? HOT_PORTS[random.nextInt(HOT_PORTS.length)] : 1024 + random.nextInt(47_000);
        add(new SessionCall.Bind(line(), sock.label, address(sock.family, port), true, null));
        sock.bound = true;
    }

    private TransportAddress address(AddressFamily family, int port) {
        if (random.nextBoolean()) {
            return TransportAddress.wildcard(family, port);
        }
        String[] hosts = family == AddressFamily.INET ? SPECIFIC_V4 : SPECIFIC_V6;
        return new TransportAddress(family, hosts[random.nextInt(hosts.length)], port);
    }

    private void close(Sock sock) {
        add(new SessionCall.Close(line(), sock.label, true, null));
        sock.closed = true;
        live.remove(sock);
        closed.add(sock);
        if (closed.size() > 64) {
            closed.remove(0);
        }
    }

    /** A driver bug: the emulator must answer it, not crash on it. */
    private void misuse() {
        Sock sock = pick(live);
        switch (random.nextInt(7)) {
            case 0 -> {
                // a call after close: INVALID_HANDLE
                Sock gone = closed.isEmpty() ? null : closed.get(random.nextInt(closed.size()));
                if (gone == null) {
                    add(new SessionCall.Close(line(), sock.label, false, null));
                } else if (random.nextBoolean()) {
                    add(new SessionCall.Bind(line(), gone.label, address(gone.family, 80), true, null));
                } else {
                    add(new SessionCall.Control(line(), gone.label, ControlRequest.set(OptionCode.SO_REUSEADDR, 1),
                            true, null, null, null));
                }
            }
            // a NULL IRP
            case 1 -> add(new SessionCall.Bind(line(), sock.label, address(sock.family, 80), false, null));
            // InputSize is not sizeof(ULONG)
            case 2 -> add(new SessionCall.Control(line(), sock.label,
                    ControlRequest.set(OptionCode.SO_REUSEADDR, 1).withInputSize(2), true, null, null, null));
            // a sharing option at a level other than SOL_SOCKET
            case 3 -> add(new SessionCall.Control(line(), sock.label,
                    ControlRequest.get(OptionCode.SO_EXCLUSIVEADDRUSE).withLevel(new OptionLevel(6)), true, null, null, null));
            // an option the emulator does not know
            case 4 -> add(new SessionCall.Control(line(), sock.label,
                    ControlRequest.get(new OptionCode(0x1006)), true, null, null, null));
            // an option set after bind, or a second bind
            case 5 -> add(new SessionCall.Control(line(), sock.label,
                    ControlRequest.set(OptionCode.SO_EXCLUSIVEADDRUSE, 1), true, null, null, null));
            default -> add(new SessionCall.Bind(line(), sock.label, address(sock.family, 443), true, null));
        }
    }

    private Sock pick(List<Sock> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** An unbound live socket if one of a few tries finds one, else any live socket. */
    private Sock pickUnbound() {
        for (int i = 0; i < 8; i++) {
            Sock sock = pick(live);
            if (!sock.bound) {
                return sock;
            }
        }
        return pick(live);
    }

    private Sock pickPreferBound() {
        for (int i = 0; i < 4; i++) {
            Sock sock = pick(live);
            if (sock.bound) {
                return sock;
            }
        }
        return pick(live);
    }

    private int line() {
        return count + 1;
    }

    private void add(SessionCall call) {
        count++;
        sink.accept(call);
    }
}
