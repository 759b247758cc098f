package org.wskemu.engine.explain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SessionRun;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.DecidingCell;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.sharing.NameSpaceDecisions;
import org.wskemu.security.AccessTrace;

/**
 * Why the bind decision at a position came out as it did, as a value: the decision with every
 * binding it consulted, the one that decided (its cell, socket and ACE), and every other live binding
 * on the port with the rule that set it aside. {@code WskEmulator.explain(position)} answers it;
 * {@code wskemu explain} prints it.
 *
 * @param position  the decision's position
 * @param socket    the socket that asked to bind
 * @param label     its label
 * @param run       its run
 * @param process   its process
 * @param protocol  its protocol, or null when the log does not say (a bind refused before the sharing rules)
 * @param decision  the recorded decision, with its consultations in bind order
 * @param dualStack whether the bind was a dual-stack wildcard's, decided in both name spaces (SPEC.md 6a.1)
 * @param setAside  every live binding on the port the decision did not consult, in bind order, with its rule
 */
public record Explanation(long position, SocketId socket, String label, SessionRun run, ProcessId process,
                          TransportProtocol protocol, BindDecision decision, boolean dualStack,
                          List<SetAside> setAside) {

    /**
     * Checks the parts and copies the list.
     *
     * @param position  the decision's position
     * @param socket    the socket
     * @param label     its label
     * @param run       its run
     * @param process   its process
     * @param protocol  its protocol, or null
     * @param decision  the decision
     * @param dualStack whether a dual-stack wildcard bind
     * @param setAside  the bindings set aside
     */
    public Explanation {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(decision, "decision");
        setAside = List.copyOf(setAside);
    }

    /**
     * The explanation of the event at a position, if it is a bind decision.
     *
     * @param event  the event at the position
     * @param before the read models just before it ({@code timeline().at(position - 1)})
     * @return the explanation, or empty when the event is not a bind decision
     */
    public static Optional<Explanation> of(LoggedEvent event, ReadModelView before) {
        Explanation bare;
        if (event.event() instanceof SocketBound e) {
            bare = new Explanation(event.position(), e.socket(), e.binding().label(), e.binding().run(),
                    e.binding().process(), e.binding().protocol(), e.decision(),
                    e.binding().dualStackWildcard() || dualStack(e.decision()), List.of());
        } else if (event.event() instanceof BindRefused e) {
            TransportProtocol protocol = before.socket(e.socket()).flatMap(r -> r.category().protocol())
                    .orElseGet(() -> e.decision().consultations().stream().findFirst()
                            .map(c -> c.existing().protocol()).orElse(null));
            bare = new Explanation(event.position(), e.socket(), e.label(), e.run(), e.process(), protocol,
                    e.decision(), dualStack(e.decision()), List.of());
        } else {
            return Optional.empty();
        }
        return Optional.of(bare.withSetAside(before.ownership()));
    }

    /** A dual-stack wildcard's bind: {@code [::]} requested and a name space other than inet6 consulted. */
    private static boolean dualStack(BindDecision d) {
        return d.requested().family() == AddressFamily.INET6 && !d.requested().isIpv4Mapped()
                && d.consultations().stream().anyMatch(c -> c.nameSpace() != d.requested().family());
    }

    /** {@return the consultation that refused the bind: the first failure; empty for a success or a refusal before the sharing rules} */
    public Optional<Consultation> deciding() {
        if (decision.status().isSuccess()) {
            return Optional.empty();
        }
        return decision.consultations().stream().filter(c -> !c.outcome().isSuccess()).findFirst();
    }

    /** {@return the table cell that refused the bind, as a value} */
    public Optional<DecidingCell> decidingCell() {
        return deciding().map(DecidingCell::of);
    }

    /** {@return the binding that refused the bind} */
    public Optional<Binding> decidingBinding() {
        return deciding().map(Consultation::existing);
    }

    /** {@return the socket whose binding refused the bind} */
    public Optional<SocketId> decidingSocket() {
        return decidingBinding().map(Binding::socket);
    }

    /**
     * The ACE that decided the access check that settled the bind, in SDDL (e.g. {@code (A;;GW;;;BU)}): for
     * a refusal by a CHECK cell, its check's; for a bind granted by access checks, the last one passed.
     *
     * @return the ACE, or empty when no access check settled the bind or no single ACE decided it
     */
    public Optional<String> decidingAce() {
        Optional<Consultation> check = decision.status().isSuccess()
                ? decision.consultations().stream().filter(c -> c.trace() != null).reduce((a, b) -> b)
                : deciding().filter(c -> c.trace() != null);
        return check.map(Consultation::trace).flatMap(Explanation::aceOf);
    }

    private static Optional<String> aceOf(AccessTrace trace) {
        if (trace.decidingAce() == null) {
            return Optional.empty();
        }
        return trace.visited().stream().filter(v -> v.index() == trace.decidingAce()).findFirst()
                .map(v -> v.ace().toSddl());
    }

    /** {@return the port decided on: the actual one when bound, else the requested one} */
    public int port() {
        return decision.actual() != null ? decision.actual().port() : decision.requested().port();
    }

    /** {@return the name spaces the bind was decided in, inet first} */
    public List<AddressFamily> nameSpaces() {
        if (decision.requested().isIpv4Mapped()) {
            return List.of(AddressFamily.INET);
        }
        return dualStack ? List.of(AddressFamily.INET, AddressFamily.INET6) : List.of(decision.requested().family());
    }

    private Explanation withSetAside(List<OwnershipRow> live) {
        Set<SocketId> consulted = new HashSet<>();
        decision.consultations().forEach(c -> consulted.add(c.existing().socket()));
        List<OwnershipRow> onPort = live.stream()
                .filter(r -> r.address().port() == port() && !r.socket().equals(socket)).toList();
        List<OwnershipRow> consultedRows = onPort.stream().filter(r -> consulted.contains(r.socket())).toList();
        OwnershipRow decidingRow = decidingSocket()
                .flatMap(s -> onPort.stream().filter(r -> r.socket().equals(s)).findFirst()).orElse(null);
        List<SetAside> result = new ArrayList<>();
        for (OwnershipRow row : onPort) {
            if (!consulted.contains(row.socket())) {
                result.add(setAside(row, consultedRows, decidingRow));
            }
        }
        return new Explanation(position, socket, label, run, process, protocol, decision, dualStack, result);
    }

    private SetAside setAside(OwnershipRow row, List<OwnershipRow> consultedRows, OwnershipRow decidingRow) {
        if (protocol != null && row.protocol() != protocol) {
            return new SetAside(row, SetAsideRule.OTHER_PROTOCOL, null);
        }
        List<AddressFamily> common = spacesOf(row).stream().filter(nameSpaces()::contains).toList();
        if (common.isEmpty()) {
            return new SetAside(row, SetAsideRule.OTHER_FAMILY, null);
        }
        if (!decision.status().isSuccess() && deciding().isEmpty()) {
            return new SetAside(row, SetAsideRule.REFUSED_BEFORE, null);
        }
        if (decision.requested().isEphemeralRequest()) {
            return new SetAside(row, SetAsideRule.EPHEMERAL, null);
        }
        TransportAddress asked = decision.actual() != null ? decision.actual() : decision.requested();
        boolean overlaps = false;
        boolean hiddenDualStack = false;
        for (AddressFamily space : common) {
            if (space == AddressFamily.INET && row.dualStack() && row.option() != SharingOption.SO_EXCLUSIVEADDRUSE) {
                hiddenDualStack = true; // SPEC.md 6a.3
            } else if (heldIn(row, space).overlaps(NameSpaceDecisions.inNameSpace(asked, space))) {
                overlaps = true;
            }
        }
        if (!overlaps) {
            return new SetAside(row, hiddenDualStack ? SetAsideRule.DUAL_STACK_NOT_SEEN : SetAsideRule.DIFFERENT_ADDRESS,
                    null);
        }
        for (OwnershipRow first : consultedRows) {
            if (first.boundAt() < row.boundAt() && first.option() == row.option() && first.dualStack() == row.dualStack()
                    && common.stream().anyMatch(space -> spacesOf(first).contains(space)
                    && heldIn(first, space).host().equals(heldIn(row, space).host()))) {
                return new SetAside(row, SetAsideRule.ALIKE, first);
            }
        }
        if (decidingRow != null && decidingRow.boundAt() < row.boundAt()) {
            return new SetAside(row, SetAsideRule.NOT_REACHED, decidingRow);
        }
        return new SetAside(row, SetAsideRule.ALIKE, null);
    }

    /** The name spaces a binding is held in (SPEC.md 6a). */
    private static List<AddressFamily> spacesOf(OwnershipRow row) {
        if (row.address().isIpv4Mapped()) {
            return List.of(AddressFamily.INET);
        }
        return row.dualStack() ? List.of(AddressFamily.INET, AddressFamily.INET6) : List.of(row.address().family());
    }

    /** The address a binding holds in a name space: a mapped one as IPv4, a dual-stack wildcard as 0.0.0.0 in inet. */
    private static TransportAddress heldIn(OwnershipRow row, AddressFamily space) {
        if (row.address().isIpv4Mapped()) {
            return row.address().ipv4();
        }
        if (space == AddressFamily.INET && row.dualStack()) {
            return TransportAddress.wildcard(AddressFamily.INET, row.address().port());
        }
        return row.address();
    }
}
