package org.wskemu.engine.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.statistics.Statistics;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.rules.PlainModel;
import org.wskemu.engine.session.Op;
import org.wskemu.engine.session.SessionCall;

/**
 * The reduction is sound: on small generated sessions (2-3 programs, a few calls each, few ports,
 * sharing options, closes, dual-stack sockets, port-0 binds and binds in the ephemeral range, labels
 * created again by another process), the reduced search finds exactly the outcomes of the exhaustive
 * one, and every witness, replayed from the start, gives its outcome.
 */
@Tag("property")
class ExplorerPropertiesTest {

    private static final String[] LABELS = {"a", "b", "c"};
    private static final int[] PIDS = {4, 700, 900};
    private static final String[] OPTIONS = {"SO_REUSEADDR", "SO_EXCLUSIVEADDRUSE", "IPV6_V6ONLY"};
    private static final String[] INET = {"0.0.0.0:80", "127.0.0.1:80", "0.0.0.0:0", "127.0.0.1:49152", "0.0.0.0:81"};
    private static final String[] INET6 = {"[::]:80", "[::1]:80", "[::]:0", "[::ffff:127.0.0.1]:80", "[::]:81"};

    /**
     * One generated program: a socket of one process and family, an option set or none, a bind, maybe
     * a second bind, maybe a close; the label is drawn from three, so another program may create it again.
     */
    record Program(int label, int pid, int family, int option, int address, int second, boolean close) {
    }

    /** Programs and the order their lines are merged in (each number picks the program whose line comes next). */
    record Seeds(List<Program> programs, List<Integer> merge) {
    }

    @Provide
    Arbitrary<Seeds> sessions() {
        Arbitrary<Program> program = net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 3),
                Arbitraries.frequency(net.jqwik.api.Tuple.of(4, 0), net.jqwik.api.Tuple.of(2, 1),
                        net.jqwik.api.Tuple.of(2, 2), net.jqwik.api.Tuple.of(2, 3), net.jqwik.api.Tuple.of(1, 4)),
                Arbitraries.integers().between(-3, INET.length - 1), Arbitraries.of(true, false)).as(Program::new);
        return net.jqwik.api.Combinators.combine(program.list().ofMinSize(2).ofMaxSize(3),
                Arbitraries.integers().between(0, 2).list().ofSize(12)).as(Seeds::new);
    }

    /** The lines of one program, its label not yet chosen. */
    private static List<java.util.function.Function<String, String>> program(Program p) {
        String family = p.family() == 0 ? "inet" : "inet6";
        String[] addresses = p.family() == 0 ? INET : INET6;
        List<java.util.function.Function<String, String>> lines = new ArrayList<>();
        lines.add(label -> Lines.socket(label, family, PIDS[p.pid()]));
        switch (p.option()) {
            case 1 -> lines.add(label -> Lines.set(label, "SO_REUSEADDR", 1));
            case 2 -> lines.add(label -> Lines.set(label, "SO_EXCLUSIVEADDRUSE", 1));
            case 3 -> lines.add(label -> Lines.set(label, "IPV6_V6ONLY", 0));
            default -> { }
        }
        lines.add(label -> Lines.bind(label, addresses[p.address()]));
        if (p.close()) {
            lines.add(Lines::close);
        }
        if (p.second() >= 0) {
            lines.add(label -> Lines.bind(label, addresses[p.second()]));
        }
        return lines;
    }

    /** Merges the programs' lines into a valid session: a label still live when a program creates it gets a fresh one. */
    static List<String> lines(Seeds seeds) {
        List<String> lines = new ArrayList<>(List.of(Lines.SYSTEM, Lines.USER, Lines.OTHER));
        List<List<java.util.function.Function<String, String>>> programs = new ArrayList<>();
        seeds.programs().forEach(p -> programs.add(program(p)));
        int[] next = new int[programs.size()];
        String[] labels = new String[programs.size()];
        Set<String> live = new HashSet<>();
        int merged = 0;
        int remaining = programs.stream().mapToInt(List::size).sum();
        while (remaining > 0) {
            int pick = merged < seeds.merge().size() ? seeds.merge().get(merged) : 0;
            merged++;
            int p = pick % programs.size();
            while (next[p] == programs.get(p).size()) {
                p = (p + 1) % programs.size();
            }
            if (next[p] == 0) {
                String label = LABELS[seeds.programs().get(p).label()];
                labels[p] = live.contains(label) ? label + p : label;
                live.add(labels[p]);
            }
            String line = programs.get(p).get(next[p]++).apply(labels[p]);
            if (line.contains("\"op\":\"close\"")) {
                live.remove(labels[p]);
            }
            lines.add(line);
            remaining--;
        }
        return lines;
    }

    private static Set<List<Explorer.Answer>> outcomes(Explorer.Result result) {
        Set<List<Explorer.Answer>> set = new HashSet<>();
        result.outcomes().forEach(o -> set.add(o.answers()));
        return set;
    }

    @Property(tries = 200)
    void theReducedSearchFindsExactlyTheOutcomesOfTheExhaustiveOne(@ForAll("sessions") Seeds seeds) {
        List<SessionCall> calls = Lines.session(lines(seeds));
        Explorer.Result naive = ExplorerTest.naive(calls);
        Explorer.Result reduced = ExplorerTest.explore(calls);
        assertEquals(outcomes(naive), outcomes(reduced), () -> String.join("\n", lines(seeds)));
        assertEquals(BigInteger.valueOf(naive.ordersRun()), naive.naiveOrders(), "the count without running them");
        assertEquals(naive.naiveOrders(), reduced.naiveOrders());
        assertTrue(reduced.ordersRun() <= naive.ordersRun());
        assertEquals(naive.ordersRun(), naive.outcomes().stream().mapToLong(Explorer.Outcome::orders).sum());
        assertEquals(naive.outcomes().get(0).answers(), reduced.outcomes().get(0).answers(), "the file's own outcome first");
        Statistics.label("outcomes").collect(naive.outcomes().size());
        Statistics.label("reduction").collect(reduced.ordersRun() == naive.ordersRun() ? "none" : "some");
    }

    @Property(tries = 200)
    void everyWitnessReplayedGivesItsOutcome(@ForAll("sessions") Seeds seeds) {
        List<SessionCall> calls = Lines.session(lines(seeds));
        List<SessionCall> callsOnly = calls.stream().filter(c -> !Programs.isDeclaration(c)).toList();
        Map<SessionCall, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < callsOnly.size(); i++) {
            index.put(callsOnly.get(i), i);
        }
        for (Explorer.Outcome outcome : ExplorerTest.explore(calls).outcomes()) {
            PlainModel model = new PlainModel(ProfileId.WSK);
            Explorer.Answer[] replayed = new Explorer.Answer[callsOnly.size()];
            for (SessionCall call : outcome.witness()) {
                PlainModel.Step step = model.step(call);
                if (!Programs.isDeclaration(call)) {
                    boolean ephemeral = call instanceof SessionCall.Bind b && b.address().isEphemeralRequest();
                    replayed[index.get(call)] = new Explorer.Answer(step.status(), ephemeral ? step.bound() : null);
                }
            }
            assertEquals(outcome.answers(), List.of(replayed), "outcome " + outcome.number());
            assertEquals(calls.size(), outcome.witness().size(), "every line once");
            assertTrue(outcome.witness().stream().limit(3).allMatch(c -> c.op() == Op.PROCESS), "declarations first");
        }
    }

    @Property(tries = 50)
    void randomOrdersFindOnlyOutcomesTheExhaustiveSearchFinds(@ForAll("sessions") Seeds seeds) {
        List<SessionCall> calls = Lines.session(lines(seeds));
        Explorer.Result sampled = Explorer.explore(calls, ProfileId.WSK, Explorer.By.PROCESS, Explorer.Mode.RANDOM,
                50, seeds.merge().get(0), null);
        assertTrue(outcomes(ExplorerTest.naive(calls)).containsAll(outcomes(sampled)));
    }
}
