package org.wskemu.engine.aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;
import java.util.OptionalInt;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.wskemu.api.NtStatus;
import org.wskemu.engine.command.ChooseEphemeralPort;
import org.wskemu.engine.command.EphemeralRangeKey;
import org.wskemu.engine.command.ReserveEphemeralPort;
import org.wskemu.engine.command.TrackEphemeralPort;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.EphemeralPortFreed;
import org.wskemu.api.event.EphemeralPortTaken;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.engine.sharing.EphemeralPorts;

/**
 * The ephemeral range 49152-65535 of one protocol and family: how many live bindings each of its
 * ports has, so the lowest free port can be chosen (SPEC.md 6.1) without looking at every port.
 */
public final class EphemeralRangeAggregate {

    @AggregateIdentifier
    private String id;
    /** Live bindings per port, indexed by port - FIRST. */
    private int[] counts = new int[EphemeralPorts.LAST - EphemeralPorts.FIRST + 1];

    EphemeralRangeAggregate() {
        // for Axon
    }

    /** A new range, named before its first command so that Axon locks it at creation (KernelAggregates). */
    EphemeralRangeAggregate(String id) {
        this.id = id;
    }

    /** @return the chosen port, or null when none is free and TOO_MANY_ADDRESSES was recorded */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Integer handle(ChooseEphemeralPort command) {
        identify(command.range());
        OptionalInt port = EphemeralPorts.lowestFree(command.from(), p -> counts[p - EphemeralPorts.FIRST] > 0);
        if (port.isPresent()) {
            return port.getAsInt();
        }
        Binding candidate = command.candidate();
        apply(new BindRefused(candidate.socket(), candidate.label(), candidate.run(), candidate.process(),
                new BindDecision(command.profile(), command.requested(), null, candidate.option(),
                NtStatus.TOO_MANY_ADDRESSES,
                "every port of " + EphemeralPorts.FIRST + "-" + EphemeralPorts.LAST + " is bound", List.of())));
        return null;
    }

    /** Loads (and so locks) the range before one of its ports is decided; records nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReserveEphemeralPort command) {
        identify(command.range());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(TrackEphemeralPort command) {
        identify(command.range());
        apply(command.taken() ? new EphemeralPortTaken(command.port()) : new EphemeralPortFreed(command.port()));
    }

    private void identify(EphemeralRangeKey range) {
        if (id == null) {
            id = range.toString();
        }
    }

    @EventSourcingHandler
    void on(EphemeralPortTaken event) {
        id = new EphemeralRangeKey(event.port().protocol(), event.port().family()).toString();
        counts[event.port().port() - EphemeralPorts.FIRST]++;
    }

    @EventSourcingHandler
    void on(EphemeralPortFreed event) {
        counts[event.port().port() - EphemeralPorts.FIRST]--;
    }
}
