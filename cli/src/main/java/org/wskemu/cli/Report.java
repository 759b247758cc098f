package org.wskemu.cli;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.readmodel.WarningRow;

/**
 * What {@code wskemu report} shows, read from a store by {@link ReportReader} and written by
 * {@link HtmlReport} run by run, so that a page of any length is never held whole: first the
 * {@link Survey} (one pass over the log: the runs, the counts, the divergences), then each {@link Run}
 * in turn (its own events only). Nothing here is decided again: decisions are the recorded ones, as
 * {@code explain} and {@code audit} show them.
 */
final class Report {

    private Report() {
    }

    /**
     * The whole store in figures, read in one pass that keeps no call.
     *
     * @param store      the store as the user named it ({@code --store})
     * @param location   the store's absolute path, or null for a store in memory
     * @param head       the last position the report covers
     * @param runs       the session runs in the order they started; run 0 holds calls made before any run
     * @param calls      the calls recorded
     * @param refused    the calls refused
     * @param decisions  the bind decisions
     * @param diverged   the calls whose recorded expectation failed, by position
     * @param ports      how many bind decisions each port had, by port
     * @param outcomes   the outcome classes of the bind decisions ({@link HtmlReport#outcome})
     * @param profiles   the distinct profiles the decisions were made under
     * @param warnings   every misuse warning, in position order
     */
    record Survey(String store, String location, long head, List<RunHead> runs, long calls, long refused,
                  long decisions, Map<Long, Flag.Diverged> diverged, SortedMap<Integer, Integer> ports,
                  SortedSet<String> outcomes, List<ProfileId> profiles, List<WarningRow> warnings) {
    }

    /**
     * A run as the survey found it.
     *
     * @param number the run's number (0: calls outside any run)
     * @param source the session file as the run named it
     * @param first  its first position
     * @param last   its last position
     * @param calls  how many calls it recorded
     * @param ended  whether the run's end is recorded (false: it was cut short, or copied while it ran)
     * @param held   the bindings live when it started, made by earlier runs
     */
    record RunHead(long number, String source, long first, long last, long calls, boolean ended, List<Held> held) {
        RunHead {
            Objects.requireNonNull(source, "source");
            held = List.copyOf(held);
        }
    }

    /** A binding live when a run starts: its socket, its lane, its label and address. */
    record Held(SocketId socket, LaneKey lane, String label, String address) {
    }

    /**
     * One session run, read alone.
     *
     * @param head      what the survey found
     * @param lanes     one lane per port the run bound, closed or tried, in port order
     * @param inherited the ports held from earlier runs that the run never touched
     * @param decisions every bind decision of the run, in position order (each a {@link Explanation.Bind})
     * @param others    the run's other calls worth a look (refused or flagged), in position order
     */
    record Run(RunHead head, List<Lane> lanes, List<LaneKey> inherited, List<Call> decisions, List<Call> others) {
        Run {
            lanes = List.copyOf(lanes);
            inherited = List.copyOf(inherited);
            decisions = List.copyOf(decisions);
            others = List.copyOf(others);
        }

        /** The distinct profiles the run's bind decisions were made under. */
        List<ProfileId> decidedUnder() {
            return decisions.stream().map(c -> ((Explanation.Bind) c.explanation()).decision().profile()).distinct().toList();
        }
    }

    /** One port's name space, as lanes are keyed: protocol, family and port (0 for a refused ephemeral request). */
    record LaneKey(String protocol, String family, int port) {
        @Override
        public String toString() {
            return protocol + "/" + family + "/" + port;
        }
    }

    /** The timeline of one port within a run: who held it when, and each bind and close on it. */
    record Lane(LaneKey key, List<Span> spans, List<Mark> marks) {
        Lane {
            spans = List.copyOf(spans);
            marks = List.copyOf(marks);
        }

        /** {@return whether the run made a call on this port (else it only held bindings from earlier runs)} */
        boolean touched() {
            return !marks.isEmpty();
        }
    }

    /**
     * A binding's life within a run.
     *
     * @param heldBefore the binding was made before the run ({@code from} is the run's first position)
     * @param heldAfter  the binding outlived the run ({@code to} is the run's last position)
     */
    record Span(SocketId socket, String label, String address, long from, long to, boolean heldBefore,
                boolean heldAfter) {
    }

    /** A bind decision or a close on a lane, at its position. */
    record Mark(long position, MarkKind kind, NtStatus status, SocketId socket, String label) {
    }

    /** What a mark stands for. */
    enum MarkKind {
        BIND,
        CLOSE
    }

    /**
     * One recorded call: its decision event's position, what it did and why.
     *
     * @param socket the socket's label, or null for a call on none (a declaration)
     * @param status the call's status, or null when the event records none
     * @param text   the one-line description {@code history} prints
     * @param flags  what an auditor should look at; empty when nothing stands out
     */
    record Call(long position, String op, String socket, NtStatus status, String text, Explanation explanation,
                List<Flag> flags) {
        Call {
            flags = List.copyOf(flags);
        }
    }

    /** Why a call came out as it did. */
    sealed interface Explanation {

        /** A bind decided by the sharing rules: the recorded decision, with every consultation and trace. */
        record Bind(String label, long run, long process, BindDecision decision) implements Explanation {
        }

        /** A call settled without a sharing decision, as {@code explain} tells it. */
        record Settled(CallOutcome outcome) implements Explanation {
        }
    }

    /**
     * What the report flags on a call: a refusal, a misuse warning, or a divergence from what the
     * session file's recording expected (the expectations a run records, SESSION-FORMAT.md).
     */
    sealed interface Flag {

        /** The call was refused with this status. */
        record Refused(NtStatus status) implements Flag {
        }

        /**
         * The recording expected another outcome than the emulator's.
         *
         * @param line     the session file's line
         * @param expected what the recording expected, as the file wrote it
         */
        record Diverged(int line, String expected) implements Flag {
        }

        /** A misuse warning of the read models at the call's position. */
        record Misuse(WarningRow.Kind kind, String message) implements Flag {
        }
    }
}
