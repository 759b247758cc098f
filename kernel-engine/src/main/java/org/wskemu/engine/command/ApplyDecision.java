package org.wskemu.engine.command;

import org.wskemu.api.PortKey;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;

/**
 * Records on a port a bind decision made on both name spaces of a dual-stack bind (SPEC.md 6a.1):
 * the port takes the binding when the decision succeeded, else records the refusal.
 */
public record ApplyDecision(PortKey port, Binding candidate, BindDecision decision) implements KernelCommand {

    @Override
    public String targetId() {
        return port.toString();
    }
}
