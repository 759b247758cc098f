package org.wskemu.engine.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import org.wskemu.api.PortKey;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.rules.PlainModel;
import org.wskemu.engine.session.SessionCall;

/**
 * The search over orders: depth first, one {@link PlainModel} copy per step of the order it is on, so
 * that another order goes on from any step without running the prefix again.
 *
 * <p>With reduction it is Source-DPOR with sleep sets (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014,
 * Algorithm 1): each step's footprint (its socket's label, the ports and ephemeral ranges its decision
 * read or changed: {@link PlainModel.Step}) gives the dependency relation; after each step the races of
 * the new step with earlier ones (dependent, in different programs, nothing between them in the
 * happens-before order) add, at the state before the earlier step, a program that starts a reversed
 * order unless one already there does; sleep sets skip orders already covered. Calls on one label are
 * ordered by the session itself, never a race. Not thread-safe.
 */
final class Search {

    private record Sleeper(int program, int[] footprint) {
    }

    private final Programs programs;
    private final LongConsumer progress;
    private final PlainModel base;
    private final int n;
    private final Map<Object, Integer> resources = new HashMap<>();

    // the order being run, by depth
    private final int[] event;
    private final int[][] footprint;
    private final BitSet[] before;
    private final PlainModel[] state;
    private final BitSet[] backtrack;
    private final List<List<Sleeper>> sleep = new ArrayList<>();
    // where each program and call is
    private final int[] next;
    private final boolean[] executed;
    private final Explorer.Answer[] answers;

    private final Map<List<Explorer.Answer>, int[]> witnesses = new LinkedHashMap<>();
    private final Map<List<Explorer.Answer>, long[]> counts = new HashMap<>();
    private long ordersRun;
    private long maxOrders;
    private boolean cut;
    private boolean reduce;

    Search(Programs programs, ProfileId profile, LongConsumer progress) {
        this.programs = programs;
        this.progress = progress;
        this.base = new PlainModel(profile);
        programs.declarations.forEach(base::decide);
        this.n = programs.size();
        this.event = new int[n];
        this.footprint = new int[n][];
        this.before = new BitSet[n];
        this.state = new PlainModel[n + 1];
        this.backtrack = new BitSet[n + 1];
        for (int d = 0; d <= n; d++) {
            backtrack[d] = new BitSet();
            sleep.add(new ArrayList<>());
        }
        this.next = new int[programs.programs.length];
        this.executed = new boolean[n];
        this.answers = new Explorer.Answer[n];
    }

    /** Depth-first search from the declarations, reduced or not, up to {@code bound} orders (0: none). */
    void run(boolean reduced, long bound) {
        this.reduce = reduced;
        this.maxOrders = bound;
        state[0] = base.copy(); // steps run in place where nothing branches: the base stays as declared
        explore(0);
    }

    /** {@code samples} orders drawn at random, the file's own first. */
    void sample(long samples, long seed) {
        Random random = new Random(seed);
        int[] enabled = new int[programs.programs.length];
        for (long s = 0; s < samples; s++) {
            Arrays.fill(next, 0);
            Arrays.fill(executed, false);
            PlainModel model = base.copy();
            for (int d = 0; d < n; d++) {
                int count = 0;
                for (int p = 0; p < enabled.length; p++) {
                    if (enabled(p)) {
                        enabled[count++] = p;
                    }
                }
                int p = s == 0 ? earliest(enabled, count) : enabled[random.nextInt(count)];
                int call = programs.programs[p][next[p]];
                PlainModel.Step step = model.step(programs.calls.get(call));
                answers[call] = answer(call, step);
                event[d] = call;
                next[p]++;
                executed[call] = true;
            }
            finished();
        }
    }

    private int earliest(int[] enabled, int count) {
        int best = enabled[0];
        for (int i = 1; i < count; i++) {
            if (programs.programs[enabled[i]][next[enabled[i]]] < programs.programs[best][next[best]]) {
                best = enabled[i];
            }
        }
        return best;
    }

    private boolean enabled(int p) {
        int[] program = programs.programs[p];
        if (next[p] == program.length) {
            return false;
        }
        int before = programs.labelPredecessor[program[next[p]]];
        return before < 0 || executed[before];
    }

    private void explore(int depth) {
        if (depth == n) {
            finished();
            return;
        }
        List<Sleeper> asleep = sleep.get(depth);
        int[] enabled = byNextCall();
        // a state where only one program can go on never starts another order: its step runs in place
        boolean branching = enabled.length > 1;
        if (!reduce) {
            for (int p : enabled) {
                if (!step(depth, p, branching)) {
                    return;
                }
                explore(depth + 1);
                undo(depth);
            }
            return;
        }
        BitSet todo = backtrack[depth];
        todo.clear();
        int first = firstAwake(enabled, asleep, null);
        if (first < 0) {
            return; // every program that can go on is asleep: this order's equivalents were run
        }
        todo.set(first);
        while (true) {
            int p = firstAwake(enabled, asleep, todo);
            if (p < 0) {
                return;
            }
            if (!step(depth, p, branching)) {
                return;
            }
            List<Sleeper> childSleep = sleep.get(depth + 1);
            childSleep.clear();
            for (Sleeper sleeper : asleep) {
                if (!shares(sleeper.footprint, footprint[depth])) {
                    childSleep.add(sleeper);
                }
            }
            explore(depth + 1);
            asleep.add(new Sleeper(p, footprint[depth]));
            undo(depth);
            if (cut) {
                return;
            }
        }
    }

    /** The programs that can go on, the one whose next call comes first in the file first. */
    private int[] byNextCall() {
        int count = 0;
        int[] enabled = new int[programs.programs.length];
        for (int p = 0; p < enabled.length; p++) {
            if (enabled(p)) {
                enabled[count++] = p;
            }
        }
        int[] sorted = Arrays.copyOf(enabled, count);
        // insertion sort by next call: few programs
        for (int i = 1; i < sorted.length; i++) {
            int p = sorted[i];
            int j = i - 1;
            while (j >= 0 && programs.programs[sorted[j]][next[sorted[j]]] > programs.programs[p][next[p]]) {
                sorted[j + 1] = sorted[j];
                j--;
            }
            sorted[j + 1] = p;
        }
        return sorted;
    }

    private static int firstAwake(int[] candidates, List<Sleeper> asleep, BitSet among) {
        for (int p : candidates) {
            if (among != null && !among.get(p)) {
                continue;
            }
            boolean sleeping = false;
            for (Sleeper sleeper : asleep) {
                if (sleeper.program == p) {
                    sleeping = true;
                    break;
                }
            }
            if (!sleeping) {
                return p;
            }
        }
        return -1;
    }

    /**
     * Runs program {@code p}'s next call at {@code depth}, on a copy of the state there when {@code branching}
     * (another order may go on from it later); false when the bound stops the search.
     */
    private boolean step(int depth, int p, boolean branching) {
        if (maxOrders > 0 && ordersRun >= maxOrders) {
            cut = true;
            return false;
        }
        int call = programs.programs[p][next[p]];
        PlainModel model = branching ? state[depth].copy() : state[depth];
        PlainModel.Step step = model.step(programs.calls.get(call));
        state[depth + 1] = model;
        event[depth] = call;
        footprint[depth] = footprint(call, step);
        answers[call] = answer(call, step);
        next[p]++;
        executed[call] = true;
        BitSet happensBefore = new BitSet();
        for (int i = 0; i < depth; i++) {
            if (programs.programOf[event[i]] == p || shares(footprint[i], footprint[depth])) {
                happensBefore.set(i);
                happensBefore.or(before[i]);
            }
        }
        before[depth] = happensBefore;
        if (reduce) {
            races(depth);
        }
        return true;
    }

    private void undo(int depth) {
        int call = event[depth];
        next[programs.programOf[call]]--;
        executed[call] = false;
        state[depth + 1] = null;
    }

    /** Source-DPOR's lines 4-8 for the step at {@code j}: each race reversed at the state before its first step. */
    private void races(int j) {
        int pj = programs.programOf[event[j]];
        BitSet hb = before[j];
        for (int i = hb.nextSetBit(0); i >= 0; i = hb.nextSetBit(i + 1)) {
            if (programs.programOf[event[i]] == pj || footprint[i][0] == footprint[j][0]
                    || !sharesBeyondLabel(footprint[i], footprint[j])) {
                continue; // same program, same label (the session orders them), or ordered only through others
            }
            boolean direct = true;
            for (int k = hb.nextSetBit(i + 1); k >= 0; k = hb.nextSetBit(k + 1)) {
                if (before[k].get(i)) {
                    direct = false;
                    break;
                }
            }
            if (!direct) {
                continue;
            }
            // v = the steps after i that do not happen after it, then j; its initials can start the reversal
            List<Integer> v = new ArrayList<>();
            for (int k = i + 1; k < j; k++) {
                if (!before[k].get(i)) {
                    v.add(k);
                }
            }
            v.add(j);
            BitSet initials = new BitSet();
            int chosen = -1;
            for (int a = 0; a < v.size(); a++) {
                int ka = v.get(a);
                boolean initial = true;
                for (int b = 0; b < a; b++) {
                    int kb = v.get(b);
                    if (programs.programOf[event[kb]] == programs.programOf[event[ka]]
                            || shares(footprint[kb], footprint[ka])) {
                        initial = false;
                        break;
                    }
                }
                if (initial) {
                    initials.set(programs.programOf[event[ka]]);
                    if (chosen < 0) {
                        chosen = programs.programOf[event[ka]];
                    }
                }
            }
            if (!initials.intersects(backtrack[i])) {
                backtrack[i].set(chosen);
            }
        }
    }

    private void finished() {
        ordersRun++;
        List<Explorer.Answer> outcome = List.of(answers.clone());
        long[] count = counts.get(outcome);
        if (count == null) {
            witnesses.put(outcome, event.clone());
            counts.put(outcome, new long[] {1});
        } else {
            count[0]++;
        }
        if (progress != null && ordersRun % 10_000 == 0) {
            progress.accept(ordersRun);
        }
    }

    /** The label first, then the ports and ranges: each an interned number. */
    private int[] footprint(int call, PlainModel.Step step) {
        int[] ids = new int[1 + step.ports().size() + step.ranges().size()];
        ids[0] = id("label " + programs.calls.get(call).label());
        int i = 1;
        for (PortKey port : step.ports()) {
            ids[i++] = id(port);
        }
        for (String range : step.ranges()) {
            ids[i++] = id("range " + range);
        }
        return ids;
    }

    private int id(Object resource) {
        return resources.computeIfAbsent(resource, r -> resources.size());
    }

    /** Whether two footprints share a resource (their labels included). */
    private static boolean shares(int[] a, int[] b) {
        return a[0] == b[0] || sharesBeyondLabel(a, b);
    }

    /** Whether two footprints share a port or a range. */
    private static boolean sharesBeyondLabel(int[] a, int[] b) {
        for (int x = 1; x < a.length; x++) {
            for (int y = 1; y < b.length; y++) {
                if (a[x] == b[y]) {
                    return true;
                }
            }
        }
        return false;
    }

    private Explorer.Answer answer(int call, PlainModel.Step step) {
        SessionCall c = programs.calls.get(call);
        boolean ephemeral = c instanceof SessionCall.Bind bind && bind.address().isEphemeralRequest();
        return new Explorer.Answer(step.status(), ephemeral ? step.bound() : null);
    }

    long ordersRun() {
        return ordersRun;
    }

    boolean cut() {
        return cut;
    }

    /** The distinct outcomes, the file's own first, with their counts and witnesses. */
    List<Explorer.Outcome> outcomes() {
        List<Explorer.Outcome> found = new ArrayList<>();
        List<Explorer.Answer> own = ownOutcome();
        List<List<Explorer.Answer>> order = new ArrayList<>(witnesses.keySet());
        order.remove(own);
        order.add(0, own);
        int number = 1;
        for (List<Explorer.Answer> outcome : order) {
            int[] witness = witnesses.get(outcome);
            long orders = witness == null ? 0 : counts.get(outcome)[0];
            if (witness == null) {
                // a bound cut the search before it ran the file's own order to its end: that order is its witness
                witness = new int[n];
                Arrays.setAll(witness, c -> c);
            }
            List<Explorer.Difference> differences = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                if (!outcome.get(c).equals(own.get(c))) {
                    differences.add(new Explorer.Difference(programs.calls.get(c), outcome.get(c), own.get(c)));
                }
            }
            List<SessionCall> calls = new ArrayList<>(programs.declarations);
            for (int call : witness) {
                calls.add(programs.calls.get(call));
            }
            found.add(new Explorer.Outcome(number++, orders, differences, outcome, calls));
        }
        return found;
    }

    /** The answers of the file's own order (declarations first, then every call in file order). */
    private List<Explorer.Answer> ownOutcome() {
        PlainModel model = base.copy();
        Explorer.Answer[] own = new Explorer.Answer[n];
        for (int c = 0; c < n; c++) {
            own[c] = answer(c, model.step(programs.calls.get(c)));
        }
        return List.of(own);
    }
}
