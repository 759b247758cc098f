package org.wskemu.engine.aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.wskemu.api.PortKey;
import org.wskemu.engine.command.ApplyDecision;
import org.wskemu.engine.command.DecideBind;
import org.wskemu.engine.command.FindPortHolder;
import org.wskemu.engine.command.ReleaseBinding;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.PortBindingAdded;
import org.wskemu.api.event.PortBindingReleased;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.engine.sharing.BindArbiter;
import org.wskemu.engine.sharing.BindRequest;
import org.wskemu.engine.sharing.NameSpaceDecisions;
import org.wskemu.engine.sharing.PortBindings;
import org.wskemu.engine.sharing.SharingProfile;

/**
 * One port of one protocol and family ({@code tcp/inet/80}): its live bindings in bind order. It
 * alone decides a bind on the port, so two racing binds can never both win a contested cell.
 */
public final class PortAggregate {

    @AggregateIdentifier
    private String id;
    /** The live bindings in bind order: the state snapshots keep. */
    private final List<Binding> live = new ArrayList<>();
    /** The classes of equivalent bindings, rebuilt from {@link #live} when needed; never serialized. */
    private transient PortBindings index;

    PortAggregate() {
        // for Axon
    }

    /** A new port, named before its first command so that Axon locks it at creation (KernelAggregates). */
    PortAggregate(String id) {
        this.id = id;
    }

    /**
     * Decides (SPEC.md 6) in this port's name space, and, when asked, records the decision: the port's
     * binding, or the refusal. The half of a dual-stack bind records nothing here (SPEC.md 6a.1).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    BindDecision handle(DecideBind command) {
        identify(command.port());
        Binding candidate = command.candidate();
        BindRequest request = new BindRequest(candidate.socket(), command.requested(),
                NameSpaceDecisions.inNameSpace(candidate.address(), command.port().family()),
                candidate.option(), command.context());
        BindDecision decision = BindArbiter.decide(SharingProfile.of(command.profile()), index(), request);
        if (command.record()) {
            record(command.port(), candidate, decision);
        }
        return decision;
    }

    /** Records a dual-stack bind's decision, made on both name spaces while this port stayed locked. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ApplyDecision command) {
        identify(command.port());
        record(command.port(), command.candidate(), command.decision());
    }

    private void record(PortKey port, Binding candidate, BindDecision decision) {
        if (decision.status().isSuccess()) {
            apply(new PortBindingAdded(port, candidate));
        } else {
            apply(new BindRefused(candidate.socket(), candidate.label(), candidate.run(), candidate.process(), decision));
        }
    }

    private void identify(PortKey port) {
        if (id == null) {
            id = port.toString();
        }
    }

    /** The first live binding of this port in bind order, or null: a recorded port's holder (SPEC.md 6, rule 1a). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Binding handle(FindPortHolder command) {
        identify(command.port());
        List<Binding> bindings = index().inBindOrder();
        return bindings.isEmpty() ? null : bindings.get(0);
    }

    @CommandHandler
    void handle(ReleaseBinding command) {
        if (index().holds(command.socket())) {
            apply(new PortBindingReleased(command.port(), command.socket()));
        }
    }

    private PortBindings index() {
        if (index == null) {
            index = PortBindings.of(id == null ? null : PortKey.parse(id).family(), live);
        }
        return index;
    }

    @EventSourcingHandler
    void on(PortBindingAdded event) {
        id = event.port().toString();
        live.add(event.binding());
        if (index != null) {
            index.add(event.binding());
        }
    }

    @EventSourcingHandler
    void on(PortBindingReleased event) {
        live.removeIf(b -> b.socket().equals(event.socket()));
        if (index != null) {
            index.remove(event.socket());
        }
    }
}
