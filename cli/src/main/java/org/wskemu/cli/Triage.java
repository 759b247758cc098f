package org.wskemu.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.DecisionFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.api.event.OptionRead;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.WskEvent;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.log.RecordedCalls;

/**
 * What {@code explain} adds about a call's recorded expectation (issue #13): the line and expectation
 * the run recorded with it, "recorded X, emulator Y" when they differ, every binding that refused a
 * bind with the position and file line of its own bind, and the earlier divergences this one follows
 * from: an earlier diverged call on the same socket, or a refusing binding whose own bind diverged.
 *
 * @param recorded  what the run recorded with the call, if anything
 * @param emulator  the emulator's answer, as one phrase
 * @param refusers  the bindings that refused (a bind's), in bind order
 * @param causes    earlier divergences this one follows from, in position order
 */
record Triage(Optional<RecordedCalls.Entry> recorded, String emulator, List<Refuser> refusers, List<Cause> causes) {

    /** A binding that refused the bind, and where it was bound. */
    record Refuser(String socket, long run, long boundAt, Integer line, NtStatus outcome, boolean bindDiverged) {
    }

    /** An earlier divergence this call's follows from. */
    record Cause(long position, int line, String why) {
    }

    /**
     * @param socket   the call's socket, or null
     * @param refusing the consultations of a bind that refused (empty for any other call)
     */
    static Triage of(EventLog log, ReadModelView view, long position, SocketId socket, String emulator,
                     List<Consultation> refusing) {
        // issue #22: what the decision names, not the log: the recorded lines (their events only), each
        // earlier diverged call's own event, and each refusing binding's bind from the read models
        RecordedCalls recorded = RecordedCalls.of(log);
        List<Cause> causes = new ArrayList<>();
        if (socket != null) {
            List<Long> diverged = recorded.all().entrySet().stream()
                    .filter(e -> e.getKey() < position && e.getValue().call().diverges())
                    .map(Map.Entry::getKey).sorted().toList();
            for (long at : diverged) {
                try (Stream<LoggedEvent> events = log.read(at - 1, at)) {
                    events.filter(e -> e.position() == at && socket.equals(socketOf(e.event()))).findFirst()
                            .ifPresent(e -> causes.add(new Cause(at, recorded.at(at).orElseThrow().call().line(),
                                    "an earlier call on the same socket diverged")));
                }
            }
        }
        Map<SocketId, Long> boundAt = new HashMap<>();
        for (Consultation c : refusing) {
            if (!c.outcome().isSuccess()) {
                // the refusing binding's own bind: its last granted decision before this position
                view.decisions(new DecisionFilter(NtStatus.SUCCESS, null, null, c.existing().run().number(),
                                c.existing().label(), null, position - 1)).stream()
                        .filter(d -> d.socket().equals(c.existing().socket()))
                        .reduce((first, second) -> second)
                        .ifPresent(d -> boundAt.put(c.existing().socket(), d.position()));
            }
        }
        List<Refuser> refusers = new ArrayList<>();
        for (Consultation c : refusing) {
            if (c.outcome().isSuccess()) {
                continue;
            }
            Long at = boundAt.get(c.existing().socket());
            long bindPosition = at == null ? 0 : at;
            Optional<RecordedCalls.Entry> entry = recorded.at(bindPosition);
            boolean diverged = entry.map(r -> r.call().diverges()).orElse(false);
            refusers.add(new Refuser(c.existing().label(), c.existing().run().number(), bindPosition,
                    entry.map(r -> r.call().line()).orElse(null), c.outcome(), diverged));
            if (diverged && causes.stream().noneMatch(x -> x.position() == bindPosition)) {
                causes.add(new Cause(bindPosition, entry.get().call().line(),
                        "the refusing binding of socket " + c.existing().label() + " was itself a diverged bind"));
            }
        }
        causes.sort(Comparator.comparingLong(Cause::position));
        return new Triage(recorded.at(position), emulator, List.copyOf(refusers), List.copyOf(causes));
    }

    /** The socket an event concerns, or null: {@link EventSocket}, a visitor. */
    static SocketId socketOf(WskEvent event) {
        return EventSocket.of(event);
    }

    /** The emulator's answer to the call whose last event is {@code event}, with a get's value. */
    static String answer(NtStatus status, WskEvent event) {
        String text = status == null ? "no status" : status.fullName();
        if (event instanceof OptionRead read) {
            text += ", value " + (read.value() != null ? read.value() : read.descriptor().toSddl());
        }
        return text;
    }

    void print(PrintWriter out) {
        if (recorded.isEmpty()) {
            Human.line(out, "recorded: no line or expectation was recorded with this call");
        } else {
            RecordedCalls.Entry entry = recorded.get();
            Human.line(out, "recorded: run %d, line %d, %s", entry.run(), entry.call().line(), entry.call().describe());
            if (entry.call().diverges()) {
                Human.line(out, "DIVERGENCE: recorded %s, emulator %s", entry.call().describe(), emulator);
            }
        }
        for (Refuser r : refusers) {
            Human.line(out, "refused by: socket %s (run %d), bound at position %d%s: %s%s", r.socket(), r.run(), r.boundAt(),
                    r.line() != null ? " (line " + r.line() + ")" : "", r.outcome().fullName(),
                    r.bindDiverged() ? "; that bind itself diverged" : "");
        }
        for (Cause c : causes) {
            Human.line(out, "follows from: the divergence at position %d (line %d): %s", c.position(), c.line(), c.why());
        }
    }

    void json(ObjectNode node) {
        if (recorded.isEmpty()) {
            node.putNull("line").putNull("expected");
            node.put("diverged", false);
        } else {
            RecordedCalls.Entry entry = recorded.get();
            node.put("line", entry.call().line()).put("expected", entry.call().expect());
            if (entry.call().value() != null) {
                node.put("expectedValue", entry.call().value());
            }
            node.put("diverged", entry.call().diverges());
        }
        node.put("emulator", emulator);
        ArrayNode refused = node.putArray("refusedBy");
        for (Refuser r : refusers) {
            ObjectNode item = refused.addObject().put("socket", r.socket()).put("run", r.run()).put("boundAt", r.boundAt());
            if (r.line() != null) {
                item.put("line", r.line());
            } else {
                item.putNull("line");
            }
            Json.status(item, r.outcome());
            item.put("bindDiverged", r.bindDiverged());
        }
        ArrayNode follows = node.putArray("followsFrom");
        for (Cause c : causes) {
            follows.addObject().put("position", c.position()).put("line", c.line()).put("why", c.why());
        }
    }
}
