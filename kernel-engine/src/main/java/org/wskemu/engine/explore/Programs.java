package org.wskemu.engine.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wskemu.api.SocketRequest;
import org.wskemu.engine.session.Op;
import org.wskemu.engine.session.SessionCall;

/**
 * A session cut into programs (SESSION-FORMAT.md "Interleavings"): the declarations, which run
 * first, and the calls, each in the program of the process (or owning thread) that created the socket
 * its label names at that line. Each program keeps the file's order, and so do all lines naming one
 * label; a call on a label never created is a program of its own.
 */
final class Programs {

    final List<SessionCall> declarations;
    /** The calls (every line but the declarations), in file order. */
    final List<SessionCall> calls;
    /** Per call: its program. */
    final int[] programOf;
    /** Per call: its place in its program. */
    final int[] placeInProgram;
    /** Per program: its calls, in file order. */
    final int[][] programs;
    /** Per call: the previous call naming the same label, in file order, or -1. */
    final int[] labelPredecessor;
    /** Per program: what it is, e.g. {@code process 4}. */
    final List<String> names;

    private Programs(List<SessionCall> declarations, List<SessionCall> calls, int[] programOf, int[][] programs,
                     int[] labelPredecessor, List<String> names) {
        this.declarations = List.copyOf(declarations);
        this.calls = List.copyOf(calls);
        this.programOf = programOf;
        this.programs = programs;
        this.labelPredecessor = labelPredecessor;
        this.names = List.copyOf(names);
        this.placeInProgram = new int[calls.size()];
        for (int[] program : programs) {
            for (int i = 0; i < program.length; i++) {
                placeInProgram[program[i]] = i;
            }
        }
    }

    /**
     * Cuts {@code session} into programs.
     *
     * @throws Explorer.BadSession for a {@code host} line after the first call: it would change the
     *                             machine in the middle of every order, so no order is the file's
     */
    static Programs of(List<SessionCall> session, Explorer.By by) {
        List<SessionCall> declarations = new ArrayList<>();
        List<SessionCall> calls = new ArrayList<>();
        for (SessionCall call : session) {
            if (isDeclaration(call)) {
                if (call.op() == Op.HOST && !calls.isEmpty()) {
                    throw new Explorer.BadSession(call.line(), "a host line after the first call changes the machine "
                            + "in the middle of the session; explore needs every host line before the first call");
                }
                declarations.add(call);
            } else {
                calls.add(call);
            }
        }
        Map<String, Integer> programIds = new LinkedHashMap<>();
        Map<String, String> programOfLabel = new HashMap<>();
        Map<String, Integer> lastOfLabel = new HashMap<>();
        int[] programOf = new int[calls.size()];
        int[] labelPredecessor = new int[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            SessionCall call = calls.get(i);
            String label = call.label();
            if (call instanceof SessionCall.CreateSocket create) {
                programOfLabel.put(label, owner(create.request(), by));
            }
            String program = programOfLabel.computeIfAbsent(label, l -> "label " + l + " (never created)");
            programOf[i] = programIds.computeIfAbsent(program, p -> programIds.size());
            Integer previous = lastOfLabel.put(label, i);
            labelPredecessor[i] = previous == null ? -1 : previous;
        }
        List<List<Integer>> members = new ArrayList<>();
        programIds.keySet().forEach(p -> members.add(new ArrayList<>()));
        for (int i = 0; i < calls.size(); i++) {
            members.get(programOf[i]).add(i);
        }
        int[][] programs = members.stream().map(m -> m.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        return new Programs(declarations, calls, programOf, programs, labelPredecessor, List.copyOf(programIds.keySet()));
    }

    static boolean isDeclaration(SessionCall call) {
        return call.op() == Op.HOST || call.op() == Op.PROCESS || call.op() == Op.THREAD;
    }

    private static String owner(SocketRequest request, Explorer.By by) {
        if (by == Explorer.By.THREAD && request.owningThread() != null) {
            return "thread " + request.owningThread().value();
        }
        return "process " + request.creatingProcess().value();
    }

    int size() {
        return calls.size();
    }
}
