package org.wskemu.engine.command;

import org.wskemu.api.PortKey;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.security.Token;

/**
 * Decides a bind on a port (SPEC.md 6) and answers the decision. With {@code record} the port
 * records it (the binding, or the refusal); without, it records nothing: the half of a dual-stack
 * bind, applied later with {@link ApplyDecision} once both name spaces have decided (SPEC.md 6a.1).
 *
 * @param port      the port (protocol, name space, number) deciding
 * @param candidate the binding the socket would take, with its actual port
 * @param requested the address as asked
 * @param context   the socket's security context, for CHECK cells
 * @param profile   the sharing profile
 * @param record    whether the port records the decision now
 */
public record DecideBind(PortKey port, Binding candidate, TransportAddress requested, Token context, ProfileId profile,
                         boolean record) implements KernelCommand {

    /**
     * A decision the port records.
     *
     * @param port      the port deciding
     * @param candidate the binding the socket would take
     * @param requested the address as asked
     * @param context   the socket's security context
     * @param profile   the sharing profile
     */
    public DecideBind(PortKey port, Binding candidate, TransportAddress requested, Token context, ProfileId profile) {
        this(port, candidate, requested, context, profile, true);
    }

    @Override
    public String targetId() {
        return port.toString();
    }
}
