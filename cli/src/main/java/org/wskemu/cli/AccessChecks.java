package org.wskemu.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.event.WskEvent;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.security.AccessTrace;

/**
 * The access checks behind bind decisions, for {@code audit}: the read model names the cell and the
 * binding that refused a bind, but a bind granted by a CHECK cell has neither. Read from the recorded
 * decisions (one pass over the decision events of the positions asked), the CHECK cells consulted,
 * whose descriptor answered, and the ACE that decided (the granting one, or the denying one).
 */
record AccessChecks(Map<Long, Check> byPosition) {

    /**
     * What the access checks of one decision say.
     *
     * @param cells   the CHECK cells, "first ... then second ... -> CHECK (granted)"; several joined by "; "
     * @param sockets the labels of the bindings whose descriptors were checked, joined alike
     * @param aces    the deciding ACE of each check in SDDL, "-" for a check no ACE decided (an empty
     *                DACL, no matching ACE), joined alike
     */
    record Check(String cells, String sockets, String aces) {
    }

    private static final Set<Class<? extends WskEvent>> DECISIONS = Set.of(SocketBound.class, BindRefused.class);

    /** The access checks of these decisions, read from the log. */
    static AccessChecks of(EventLog log, Collection<DecisionRow> rows) {
        if (rows.isEmpty()) {
            return new AccessChecks(Map.of());
        }
        Set<Long> wanted = rows.stream().map(DecisionRow::position).collect(Collectors.toSet());
        long first = rows.stream().mapToLong(DecisionRow::position).min().orElseThrow();
        long last = rows.stream().mapToLong(DecisionRow::position).max().orElseThrow();
        Map<Long, Check> checks = new HashMap<>();
        try (Stream<LoggedEvent> events = log.readOfTypes(first - 1, last, DECISIONS)) {
            events.filter(e -> wanted.contains(e.position())).forEach(e -> {
                BindDecision decision = e.event() instanceof SocketBound b ? b.decision() : ((BindRefused) e.event()).decision();
                Check check = check(decision);
                if (check != null) {
                    checks.put(e.position(), check);
                }
            });
        }
        return new AccessChecks(checks);
    }

    /** The access check a granted decision passed, or the one that refused it; null when none decided. */
    private static Check check(BindDecision decision) {
        List<Consultation> checked = new ArrayList<>();
        for (Consultation c : decision.consultations()) {
            if (c.trace() != null && (decision.status().isSuccess() || !c.outcome().isSuccess())) {
                checked.add(c);
            }
            if (!c.outcome().isSuccess()) {
                break; // the first failure decides; later bindings were not consulted for it
            }
        }
        if (checked.isEmpty()) {
            return null;
        }
        return new Check(join(checked.stream().map(Consultation::describeCell)),
                join(checked.stream().map(c -> c.existing().label())),
                join(checked.stream().map(c -> decidingAce(c.trace()))));
    }

    /** The deciding ACE in SDDL, e.g. {@code (A;;GW;;;BU)}, or "-" when no ACE decided. */
    private static String decidingAce(AccessTrace trace) {
        if (trace.decidingAce() == null) {
            return "-";
        }
        return trace.visited().stream().filter(v -> v.index() == trace.decidingAce()).findFirst()
                .map(v -> v.ace().toSddl()).orElse("ACE " + trace.decidingAce());
    }

    private static String join(Stream<String> parts) {
        return parts.collect(Collectors.joining("; "));
    }

    /** @return the checks of the decision at this position, or null */
    Check at(long position) {
        return byPosition.get(position);
    }
}
