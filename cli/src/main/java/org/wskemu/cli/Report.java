package org.wskemu.cli;

import java.util.List;
import java.util.Objects;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.readmodel.WarningRow;

/**
 * What {@code wskemu report} shows, read once from a store ({@link ReportReader}) and rendered by
 * {@link HtmlReport}: per run a timeline of lanes and the calls with their explanations; the audit
 * table and the warnings of the read models; the store and the profiles decisions were made under
 * (each decision records its own). Nothing here is decided
 * again: decisions are the recorded ones, as {@code explain} and {@code audit} show them.
 *
 * @param store    the store as the user named it ({@code --store})
 * @param location the store's absolute path, or null for a store in memory
 * @param head     the last position the report covers
 * @param runs     the session runs in order; run 0 holds calls made outside any run (embedding)
 * @param audit    every bind decision, as {@code audit} lists them
 * @param warnings every misuse warning, in position order
 */
record Report(String store, String location, long head, List<Run> runs, List<DecisionRow> audit,
              List<WarningRow> warnings) {

    Report {
        runs = List.copyOf(runs);
        audit = List.copyOf(audit);
        warnings = List.copyOf(warnings);
    }

    /** The distinct profiles the recorded decisions were made under. */
    List<ProfileId> decidedUnder() {
        return audit.stream().map(DecisionRow::profile).distinct().toList();
    }

    /**
     * One session run.
     *
     * @param number the run's number (0: calls outside any run)
     * @param source the session file as the run named it
     * @param first  its first position
     * @param last   its last position
     * @param lanes  one lane per port the run bound, closed or tried, then one per port only held into it
     * @param calls  every call of the run, in position order
     * @param ended  whether the run's end is recorded (false: it was cut short, or copied while it ran)
     */
    record Run(long number, String source, long first, long last, List<Lane> lanes, List<Call> calls, boolean ended) {
        Run {
            Objects.requireNonNull(source, "source");
            lanes = List.copyOf(lanes);
            calls = List.copyOf(calls);
        }

        /** The distinct profiles the run's bind decisions were made under. */
        List<ProfileId> decidedUnder() {
            return calls.stream().map(Call::explanation).filter(Explanation.Bind.class::isInstance)
                    .map(e -> ((Explanation.Bind) e).decision().profile()).distinct().toList();
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
