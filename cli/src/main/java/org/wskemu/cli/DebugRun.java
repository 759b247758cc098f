package org.wskemu.cli;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.event.RunStarted;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.log.RunSummary;

/**
 * The timeline the debugger walks: one recorded run's calls, each named by the position of its last
 * event (the position {@code run} reports for it), with the session file's line and whether the call
 * diverged when the run recorded them. Arrays, not objects, so a run of a million calls costs a few
 * megabytes; the events themselves are read from the {@link Recording} when a call is shown.
 */
final class DebugRun {

    private final Recording recording;
    private final long run;
    private final String source;
    private final long[] positions;
    private final int[] lines;
    private final BitSet diverged;
    private final String[] expectations;
    private final boolean linesRecorded;

    private DebugRun(Recording recording, long run, String source, long[] positions, int[] lines, BitSet diverged,
                     String[] expectations, boolean linesRecorded) {
        this.recording = recording;
        this.run = run;
        this.source = source;
        this.positions = positions;
        this.lines = lines;
        this.diverged = diverged;
        this.expectations = expectations;
        this.linesRecorded = linesRecorded;
    }

    /** A run's start and the calls it recorded lines for. */
    private static final class Found {
        final long first;
        final String source;
        final TreeMap<Long, CallsRecorded.Call> calls = new TreeMap<>();

        Found(long first, String source) {
            this.first = first;
            this.source = source;
        }
    }

    /**
     * Opens run {@code wanted} of {@code recording}, or its last run.
     *
     * @throws UserError exit 2 when the recording holds no run, or not that one, or a run without calls
     */
    static DebugRun open(Recording recording, Long wanted) {
        Map<Long, Found> runs = new LinkedHashMap<>();
        try (Stream<LoggedEvent> events = recording.log().readOfTypes(0, Long.MAX_VALUE,
                Set.of(RunStarted.class, CallsRecorded.class))) {
            events.forEach(e -> {
                if (e.event() instanceof RunStarted started) {
                    runs.put(started.run(), new Found(e.position(), started.source()));
                } else if (e.event() instanceof CallsRecorded recorded && runs.containsKey(recorded.run())) {
                    recorded.calls().stream().filter(c -> c.position() > 0)
                            .forEach(c -> runs.get(recorded.run()).calls.put(c.position(), c));
                }
            });
        }
        if (runs.isEmpty()) {
            throw new UserError(ExitCode.BAD_INPUT, "no run recorded (" + recording.source() + ")");
        }
        long number = wanted != null ? wanted : List.copyOf(runs.keySet()).get(runs.size() - 1);
        Found found = runs.get(number);
        if (found == null) {
            throw new UserError(ExitCode.BAD_INPUT, "no run " + number + " (" + recording.source() + " holds runs "
                    + runs.keySet().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + ")");
        }
        DebugRun opened = found.calls.isEmpty() ? withoutLines(recording, number, found, runs) : withLines(recording, number, found);
        if (opened.size() == 0) {
            throw new UserError(ExitCode.BAD_INPUT, "run " + number + " recorded no call (" + recording.source() + ")");
        }
        return opened;
    }

    private static DebugRun withLines(Recording recording, long run, Found found) {
        int n = found.calls.size();
        long[] positions = new long[n];
        int[] lines = new int[n];
        BitSet diverged = new BitSet(n);
        String[] expectations = new String[n];
        int i = 0;
        for (CallsRecorded.Call call : found.calls.values()) {
            positions[i] = call.position();
            lines[i] = call.line();
            diverged.set(i, call.diverges());
            expectations[i] = call.describe().intern(); // a few distinct phrases, however many calls
            i++;
        }
        return new DebugRun(recording, run, found.source, positions, lines, diverged, expectations, true);
    }

    /**
     * A run recorded before the lines were (an old store): its calls are the events that stand for a
     * call between its start and the next run's, or those the run marked as its own.
     */
    private static DebugRun withoutLines(Recording recording, long run, Found found, Map<Long, Found> runs) {
        long next = runs.values().stream().mapToLong(f -> f.first).filter(p -> p > found.first).min().orElse(Long.MAX_VALUE);
        List<Long> calls = new ArrayList<>();
        try (Stream<LoggedEvent> events = recording.log().read(found.first, Long.MAX_VALUE)) {
            events.forEach(e -> {
                boolean mine = e.run() != null ? e.run() == run : e.position() < next;
                if (mine && RunSummary.isCall(e.event())) {
                    calls.add(e.position());
                }
            });
        }
        long[] positions = calls.stream().mapToLong(Long::longValue).toArray();
        return new DebugRun(recording, run, found.source, positions, new int[positions.length], new BitSet(),
                new String[positions.length], false);
    }

    Recording recording() {
        return recording;
    }

    /** {@return the run's number} */
    long run() {
        return run;
    }

    /** {@return the session file as the run named it} */
    String source() {
        return source;
    }

    /** {@return how many calls the run recorded} */
    int size() {
        return positions.length;
    }

    /** {@return the position of call {@code index} (0-based)} */
    long position(int index) {
        return positions[index];
    }

    /** {@return the session file's line of call {@code index}, or 0 when the run recorded none} */
    int line(int index) {
        return lines[index];
    }

    /** {@return whether call {@code index} diverged from its recorded expectation} */
    boolean diverged(int index) {
        return diverged.get(index);
    }

    /** {@return what the run recorded as call {@code index}'s expectation, or null when it recorded none} */
    String expectation(int index) {
        return expectations[index];
    }

    /** {@return whether the run recorded the file's line of each call (a store written before did not)} */
    boolean linesRecorded() {
        return linesRecorded;
    }

    /** {@return the index of the call at {@code position}, or of the last call before it; -1 before the first} */
    int indexAtOrBefore(long position) {
        int found = java.util.Arrays.binarySearch(positions, position);
        return found >= 0 ? found : -found - 2;
    }

    /** {@return the index of the call at exactly {@code position}, or -1} */
    int indexOf(long position) {
        int found = java.util.Arrays.binarySearch(positions, position);
        return found >= 0 ? found : -1;
    }

    /** {@return the first call at file line {@code line} at or after call {@code from}, or -1} */
    int firstAtLine(int line, int from) {
        for (int i = Math.max(0, from); i < lines.length; i++) {
            if (lines[i] == line) {
                return i;
            }
        }
        return -1;
    }
}
