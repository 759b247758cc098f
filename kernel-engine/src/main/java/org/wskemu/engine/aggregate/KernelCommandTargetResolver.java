package org.wskemu.engine.aggregate;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.wskemu.engine.command.KernelCommand;

/** Routes a {@link KernelCommand} to the aggregate it names; kernel-api carries no Axon annotation. */
public final class KernelCommandTargetResolver implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof KernelCommand kernelCommand) {
            return new VersionedAggregateIdentifier(kernelCommand.targetId(), null);
        }
        throw new IllegalArgumentException("not a kernel command: " + command.getPayloadType().getName());
    }
}
