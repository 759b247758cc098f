package org.wskemu.engine.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.wskemu.api.NtStatus;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.rules.PlainModel;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.engine.session.SessionFile;

/**
 * {@code wskemu shrink}'s core: Zeller's delta debugging (ddmin, "Simplifying and Isolating
 * Failure-Inducing Input", 2002) over a session's lines, keeping one call's status. Every candidate is
 * checked as {@code run} checks a file (an invalid candidate does not keep the status) and decided in
 * memory through {@code PlainModel}, the engine's one dispatcher. The result is 1-minimal: removing any
 * one more line, call or declaration, loses the status or makes the file invalid. Kept lines are the
 * input's lines verbatim, in their order; comments and blank lines go.
 *
 * <p>For the cli (the package is internal: no embedder API).
 */
public final class Shrinker {

    /**
     * A shrunk session.
     *
     * @param line        the kept call's line in the input
     * @param status      the status it keeps
     * @param callsBefore the input's call lines (declarations left out)
     * @param callsAfter  the shrunk session's call lines
     * @param lines       the shrunk session's lines, each verbatim from the input; immutable
     * @param lineAfter   the kept call's line in the shrunk session
     */
    public record Shrunk(int line, NtStatus status, int callsBefore, int callsAfter, List<String> lines, int lineAfter) {
        /**
         * Copies the lines.
         *
         * @param line        the kept call's line in the input
         * @param status      the status it keeps
         * @param callsBefore the input's call lines
         * @param callsAfter  the shrunk session's call lines
         * @param lines       the shrunk session's lines
         * @param lineAfter   the kept call's line in the shrunk session
         */
        public Shrunk {
            lines = List.copyOf(lines);
        }
    }

    /** A {@code --call} line that names no call of the session. */
    public static final class NotACall extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotACall(String message) {
            super(message);
        }
    }

    private final String name;
    private final List<String> lines;
    private final ProfileId profile;

    private Shrinker(String name, List<String> lines, ProfileId profile) {
        this.name = name;
        this.lines = List.copyOf(lines);
        this.profile = profile;
    }

    /**
     * Shrinks a valid session.
     *
     * @param name     how faults would name the session
     * @param lines    the session's lines, in file order (line N is {@code lines.get(N - 1)})
     * @param profile  the sharing profile every decision is made under
     * @param callLine the call whose status to keep, or null for the first divergence of the replay
     * @return the shrunk session, or empty when {@code callLine} is null and no call diverges
     * @throws IllegalArgumentException when the session is not valid
     * @throws NotACall                 when {@code callLine} names no call line
     */
    public static Optional<Shrunk> shrink(String name, List<String> lines, ProfileId profile, Integer callLine) {
        Objects.requireNonNull(profile, "profile");
        SessionFile file = SessionFile.parse(name, lines);
        if (!file.isValid()) {
            throw new IllegalArgumentException(file.faults().get(0));
        }
        List<SessionCall> calls = file.calls();
        List<NtStatus> statuses = new PlainModel(profile).decideAll(calls);
        int target = -1;
        for (int i = 0; i < calls.size(); i++) {
            SessionCall call = calls.get(i);
            boolean wanted = callLine != null ? call.line() == callLine
                    : call.expect() != null && !call.expect().matches(statuses.get(i));
            if (wanted) {
                target = i;
                break;
            }
        }
        if (target < 0) {
            if (callLine != null) {
                throw new NotACall("line " + callLine + " is not a call line of the session");
            }
            return Optional.empty();
        }
        if (Programs.isDeclaration(calls.get(target))) {
            throw new NotACall("line " + callLine + " is a " + calls.get(target).op() + " declaration, not a call");
        }
        Shrinker shrinker = new Shrinker(name, lines, profile);
        int keptLine = calls.get(target).line();
        NtStatus status = statuses.get(target);
        List<Integer> others = new ArrayList<>();
        calls.forEach(c -> {
            if (c.line() != keptLine) {
                others.add(c.line());
            }
        });
        List<Integer> minimal = shrinker.ddmin(others, keptLine, status);
        List<Integer> kept = new ArrayList<>(minimal);
        kept.add(keptLine);
        kept.sort(null);
        List<String> out = kept.stream().map(l -> lines.get(l - 1)).toList();
        long callsBefore = calls.stream().filter(c -> !Programs.isDeclaration(c)).count();
        long callsAfter = SessionFile.parse(name, out).calls().stream().filter(c -> !Programs.isDeclaration(c)).count();
        return Optional.of(new Shrunk(keptLine, status, (int) callsBefore, (int) callsAfter, out, kept.indexOf(keptLine) + 1));
    }

    /** Zeller's ddmin: the smallest subset of {@code items} found, with which the kept call still gets {@code status}. */
    private List<Integer> ddmin(List<Integer> items, int keptLine, NtStatus status) {
        List<Integer> c = new ArrayList<>(items);
        if (keeps(List.of(), keptLine, status)) {
            return List.of();
        }
        int n = 2;
        while (c.size() >= 2) {
            n = Math.min(n, c.size());
            List<List<Integer>> chunks = split(c, n);
            boolean reduced = false;
            for (List<Integer> chunk : chunks) {
                if (keeps(chunk, keptLine, status)) {
                    c = chunk;
                    n = 2;
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                for (List<Integer> chunk : chunks) {
                    List<Integer> complement = new ArrayList<>(c);
                    complement.removeAll(chunk);
                    if (keeps(complement, keptLine, status)) {
                        c = complement;
                        n = Math.max(n - 1, 2);
                        reduced = true;
                        break;
                    }
                }
            }
            if (!reduced) {
                if (n >= c.size()) {
                    break;
                }
                n = Math.min(2 * n, c.size());
            }
        }
        return c;
    }

    private static List<List<Integer>> split(List<Integer> c, int n) {
        List<List<Integer>> chunks = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++) {
            int end = start + (c.size() - start) / (n - i);
            chunks.add(new ArrayList<>(c.subList(start, end)));
            start = end;
        }
        return chunks;
    }

    /** Whether the session of {@code subset} and the kept line is valid and gives the kept call {@code status}. */
    private boolean keeps(List<Integer> subset, int keptLine, NtStatus status) {
        List<Integer> kept = new ArrayList<>(subset);
        kept.add(keptLine);
        kept.sort(null);
        SessionFile candidate = SessionFile.parse(name, kept.stream().map(l -> lines.get(l - 1)).toList());
        if (!candidate.isValid()) {
            return false;
        }
        int at = kept.indexOf(keptLine) + 1;
        PlainModel model = new PlainModel(profile);
        try {
            for (SessionCall call : candidate.calls()) {
                NtStatus got = model.decide(call);
                if (call.line() == at) {
                    return got == status;
                }
            }
        } catch (IllegalArgumentException e) {
            return false; // a thread of a process the candidate no longer declares
        }
        return false;
    }
}
