package org.wskemu.engine.explore;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many orders a search without reduction runs: the interleavings of the programs that keep
 * each program's order and each label's order, counted without running them. Programs that no
 * label links are interleaved freely (a multinomial coefficient); the programs one label links
 * (a socket closed by one program and created again by another) are counted together, by dynamic
 * programming over how far each has got. The count is exact, as a {@link BigInteger}; only a group
 * of linked programs with more than {@value #MAX_STATES} such states is left uncounted (null).
 */
final class NaiveCount {

    static final int MAX_STATES = 2_000_000;

    private NaiveCount() {
    }

    /** {@return the number of orders, or null when a linked group of programs is too large to count} */
    static BigInteger of(Programs programs) {
        int n = programs.programs.length;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int c = 0; c < programs.size(); c++) {
            int before = programs.labelPredecessor[c];
            if (before >= 0 && programs.programOf[before] != programs.programOf[c]) {
                parent[find(parent, programs.programOf[before])] = find(parent, programs.programOf[c]);
            }
        }
        Map<Integer, List<Integer>> groups = new HashMap<>();
        for (int p = 0; p < n; p++) {
            groups.computeIfAbsent(find(parent, p), k -> new ArrayList<>()).add(p);
        }
        BigInteger total = BigInteger.ONE;
        int placed = 0;
        for (List<Integer> group : groups.values()) {
            int size = group.stream().mapToInt(p -> programs.programs[p].length).sum();
            BigInteger inside = group.size() == 1 ? BigInteger.ONE : linked(programs, group);
            if (inside == null) {
                return null;
            }
            // the group's calls take `size` of the `placed + size` places so far, in any choice of them
            total = total.multiply(binomial(placed + size, size)).multiply(inside);
            placed += size;
        }
        return total;
    }

    private static int find(int[] parent, int p) {
        while (parent[p] != p) {
            parent[p] = parent[parent[p]];
            p = parent[p];
        }
        return p;
    }

    static BigInteger binomial(int n, int k) {
        BigInteger result = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            result = result.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return result;
    }

    /** The orders of linked programs, by the number of ways to finish from each state (how far each program is). */
    private static BigInteger linked(Programs programs, List<Integer> group) {
        long states = 1;
        for (int p : group) {
            states *= programs.programs[p].length + 1L;
            if (states > MAX_STATES) {
                return null;
            }
        }
        int[] at = new int[group.size()];
        return new Linked(programs, group).ways(at, 0);
    }

    private static final class Linked {
        private final Programs programs;
        private final int[] members;
        private final long[] radix;
        private final Map<Long, BigInteger> memo = new HashMap<>();
        private final int[] slotOfProgram;

        Linked(Programs programs, List<Integer> group) {
            this.programs = programs;
            this.members = group.stream().mapToInt(Integer::intValue).toArray();
            this.radix = new long[members.length];
            this.slotOfProgram = new int[programs.programs.length];
            long r = 1;
            for (int i = 0; i < members.length; i++) {
                radix[i] = r;
                r *= programs.programs[members[i]].length + 1L;
                slotOfProgram[members[i]] = i;
            }
        }

        BigInteger ways(int[] at, long key) {
            BigInteger known = memo.get(key);
            if (known != null) {
                return known;
            }
            BigInteger sum = BigInteger.ZERO;
            boolean finished = true;
            for (int i = 0; i < members.length; i++) {
                int[] program = programs.programs[members[i]];
                if (at[i] == program.length) {
                    continue;
                }
                finished = false;
                int call = program[at[i]];
                int before = programs.labelPredecessor[call];
                if (before >= 0 && at[slotOfProgram[programs.programOf[before]]] <= programs.placeInProgram[before]) {
                    continue;
                }
                at[i]++;
                sum = sum.add(ways(at, key + radix[i]));
                at[i]--;
            }
            BigInteger result = finished ? BigInteger.ONE : sum;
            memo.put(key, result);
            return result;
        }
    }
}
