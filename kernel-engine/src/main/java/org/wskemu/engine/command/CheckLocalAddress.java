package org.wskemu.engine.command;

import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;

/**
 * Checks that the host owns the specific address a bind asks for (SPEC.md 5); when it does not,
 * records the refusal (INVALID_ADDRESS_COMPONENT) and answers false.
 */
public record CheckLocalAddress(Binding candidate, TransportAddress requested, ProfileId profile) implements KernelCommand {

    @Override
    public String targetId() {
        return MACHINE;
    }
}
