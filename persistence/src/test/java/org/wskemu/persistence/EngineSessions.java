package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.ThreadId;
import org.wskemu.api.TransportAddress;
import org.wskemu.engine.Storage;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.engine.readmodel.WarningRow;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * Session builders, a seeded session generator and read-model comparisons for the store's
 * integration tests (copied in spirit from kernel-engine's Sessions and ReplayTest, whose test
 * classes this module cannot see).
 */
final class EngineSessions {

    static final String ALICE = "S-1-5-21-1-2-3-1001";
    static final String BOB = "S-1-5-21-1-2-3-1002";
    /** The four declarations every generated session starts with. */
    static final int DECLARATIONS = 4;
    private static final String[] SDDL = {null, null, "D:(A;;GA;;;WD)", "D:NO_ACCESS_CONTROL", "O:SYD:",
            "D:(A;;GA;;;" + ALICE + ")"};

    private EngineSessions() {
    }

    // ---- builders -------------------------------------------------------------------------------

    static SessionCall process(long pid, String user, String... groups) {
        Sid[] sids = new Sid[groups.length];
        for (int i = 0; i < groups.length; i++) {
            sids[i] = Sid.parse(groups[i]);
        }
        return new SessionCall.DeclareProcess(0, new ProcessId(pid), Token.of(Sid.parse(user), sids), null);
    }

    static SessionCall thread(long tid, long pid, String impersonatedUser) {
        return new SessionCall.DeclareThread(0, new ThreadId(tid), new ProcessId(pid),
                impersonatedUser == null ? null : Token.of(Sid.parse(impersonatedUser)), null);
    }

    static SessionCall socket(String label, String category, String family, long pid, Long owningPid,
                              Long owningTid, String sddl) {
        SocketRequest request = new SocketRequest(SocketCategory.parse(category), AddressFamily.parse(family),
                new ProcessId(pid), owningPid == null ? null : new ProcessId(owningPid),
                owningTid == null ? null : new ThreadId(owningTid),
                sddl == null ? null : SecurityDescriptor.parse(sddl), label);
        return new SessionCall.CreateSocket(0, request, true, null);
    }

    static SessionCall socket(String label, long pid) {
        return socket(label, "listen", "inet", pid, null, null, null);
    }

    static SessionCall set(String label, String option, int value) {
        return new SessionCall.Control(0, label, ControlRequest.set(OptionCode.parse(option), value), true, null, null, null);
    }

    static SessionCall setSd(String label, String sddl) {
        return new SessionCall.Control(0, label, ControlRequest.setSecurity(SecurityDescriptor.parse(sddl)), true,
                null, null, null);
    }

    static SessionCall get(String label, String option) {
        return new SessionCall.Control(0, label, ControlRequest.get(OptionCode.parse(option)), true, null, null, null);
    }

    static SessionCall control(String label, ControlRequest request) {
        return new SessionCall.Control(0, label, request, true, null, null, null);
    }

    static SessionCall bind(String label, String address) {
        return new SessionCall.Bind(0, label, TransportAddress.parse(address), true, null);
    }

    static SessionCall bindWithoutIrp(String label, String address) {
        return new SessionCall.Bind(0, label, TransportAddress.parse(address), false, null);
    }

    static SessionCall close(String label) {
        return new SessionCall.Close(0, label, true, null);
    }

    // ---- generated sessions ---------------------------------------------------------------------

    /**
     * A seeded random session: four declarations, then sockets that come and go; options (also after
     * bind), descriptors, gets, binds on contested and ephemeral ports, closes, and misuse of every kind.
     */
    static List<SessionCall> generate(long seed, int size) {
        Random random = new Random(seed);
        List<SessionCall> calls = new ArrayList<>(List.of(
                process(4, "SY"),
                process(700, ALICE, "BU"),
                process(701, BOB, "BU"),
                thread(7001, 701, ALICE)));
        List<String> live = new ArrayList<>();
        List<String> inet6 = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        int next = 0;
        String prefix = "g" + Long.toHexString(seed) + "-";
        while (calls.size() < size) {
            int op = random.nextInt(12);
            if (live.isEmpty() || op == 0 || op == 1 && live.size() < 8) {
                String label = prefix + next++;
                String category = pick(random, "listen", "listen", "stream", "connection", "datagram", "basic");
                boolean six = random.nextInt(5) == 0;
                long pid = random.nextInt(25) == 0 ? 999 : pick(random, 4L, 700L, 701L);
                Long owningTid = random.nextInt(6) == 0 ? 7001L : null;
                Long owningPid = random.nextInt(6) == 0 ? Long.valueOf(700) : null;
                calls.add(socket(label, category, six ? "inet6" : "inet", pid, owningPid, owningTid,
                        SDDL[random.nextInt(SDDL.length)]));
                live.add(label);
                if (six) {
                    inet6.add(label);
                }
                continue;
            }
            String label = !closed.isEmpty() && random.nextInt(15) == 0
                    ? closed.get(random.nextInt(closed.size())) : live.get(random.nextInt(live.size()));
            switch (op) {
                case 1, 2, 3 -> calls.add(set(label, pick(random, "SO_REUSEADDR", "SO_EXCLUSIVEADDRUSE"),
                        random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(4)));
                case 4 -> {
                    String sddl = SDDL[random.nextInt(SDDL.length)];
                    calls.add(sddl == null ? get(label, "SO_WSK_SECURITY") : setSd(label, sddl));
                }
                case 5 -> calls.add(switch (random.nextInt(4)) {
                    case 0 -> control(label, ControlRequest.get(OptionCode.SO_REUSEADDR).withOutputSize(2));
                    case 1 -> control(label, ControlRequest.set(OptionCode.SO_EXCLUSIVEADDRUSE, 1)
                            .withLevel(new OptionLevel(6)));
                    case 2 -> control(label, ControlRequest.get(new OptionCode(0x1006)));
                    default -> get(label, pick(random, "SO_REUSEADDR", "SO_EXCLUSIVEADDRUSE"));
                });
                case 6, 7, 8, 9 -> {
                    boolean six = inet6.contains(label) != (random.nextInt(20) == 0);
                    String host = six ? pick(random, "[::]", "[::1]")
                            : pick(random, "0.0.0.0", "0.0.0.0", "10.0.0.1", "127.0.0.1");
                    String address = host + ":" + pick(random, 80, 80, 443, 0);
                    calls.add(random.nextInt(30) == 0 ? bindWithoutIrp(label, address) : bind(label, address));
                }
                default -> {
                    calls.add(close(label));
                    if (live.remove(label)) {
                        closed.add(label);
                    }
                }
            }
        }
        return calls;
    }

    /** A generated session without its declarations, for a machine that already knows its processes. */
    static List<SessionCall> generateMore(long seed, int size) {
        List<SessionCall> calls = generate(seed, size + DECLARATIONS);
        return calls.subList(DECLARATIONS, calls.size());
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    // ---- engines and views ----------------------------------------------------------------------

    /** An emulator on {@code storage} whose socket handles come from {@code handles}. */
    static WskEmulator emulator(Storage storage, AtomicLong handles) {
        return WskEmulator.builder().storage(storage).socketIds(handles::incrementAndGet).build();
    }

    /** An in-memory emulator (Axon's in-memory store) whose socket handles come from {@code handles}. */
    static WskEmulator inMemory(AtomicLong handles) {
        return WskEmulator.builder().socketIds(handles::incrementAndGet).build();
    }

    /** The whole log as a list. */
    static List<LoggedEvent> events(EventLog log) {
        try (Stream<LoggedEvent> events = log.readAfter(0)) {
            return events.toList();
        }
    }

    /** The read models folded in memory from the log's events in {@code (0, upTo]}. */
    static InMemoryReadModels fold(EventLog log, long upTo) {
        InMemoryReadModels folded = new InMemoryReadModels();
        try (Stream<LoggedEvent> events = log.read(0, upTo)) {
            events.forEach(folded::fold);
        }
        return folded;
    }

    /** The read models folded in memory from the whole log. */
    static InMemoryReadModels fold(EventLog log) {
        return fold(log, Long.MAX_VALUE);
    }

    static void assertSameView(ReadModelView expected, ReadModelView actual, String where) {
        assertEquals(expected.position(), actual.position(), () -> "position " + where);
        assertSameRows(expected, actual, where);
    }

    /** The four lists, without the position. */
    static void assertSameRows(ReadModelView expected, ReadModelView actual, String where) {
        assertEquals(expected.ownership(), actual.ownership(), () -> "ownership " + where);
        assertEquals(expected.decisions(), actual.decisions(), () -> "decisions " + where);
        assertEquals(expected.warnings(), actual.warnings(), () -> "warnings " + where);
        assertEquals(expected.sockets(), actual.sockets(), () -> "sockets " + where);
    }

    /** The view's rows read now, so they outlive the store they were read from (an H2 view reads on each call). */
    static Rows copy(ReadModelView view) {
        return new Rows(view.position(), view.ownership(), view.decisions(), view.warnings(), view.sockets());
    }

    /** Read models copied out of a view. */
    record Rows(long position, List<OwnershipRow> ownership, List<DecisionRow> decisions, List<WarningRow> warnings,
                List<SocketRow> sockets) implements ReadModelView {
    }
}
