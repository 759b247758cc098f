package org.wskemu.api.command;

import org.wskemu.api.PortKey;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.security.Token;

/** Decides a bind on a port (SPEC.md 6) and records the decision; answers it. */
public record DecideBind(PortKey port, Binding candidate, TransportAddress requested, Token context, ProfileId profile) implements KernelCommand {

    @Override
    public String targetId() {
        return port.toString();
    }
}
