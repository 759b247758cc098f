package org.wskemu.engine.command;

import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;

/**
 * Picks the lowest free port of the ephemeral range at or above {@code from} (SPEC.md 6.1), or
 * records TOO_MANY_ADDRESSES and answers null. A dual-stack bind asks both ranges in turn, raising
 * {@code from}, until they agree (SPEC.md 6a.4).
 *
 * @param range     the range asked: its protocol and family
 * @param candidate the binding that would take the port, recorded in the refusal when none is free
 * @param requested the address as asked (port 0)
 * @param profile   the sharing profile the bind runs under
 * @param from      the lowest port to consider, 49152 or above
 */
public record ChooseEphemeralPort(EphemeralRangeKey range, Binding candidate, TransportAddress requested, ProfileId profile,
                                  int from) implements KernelCommand {

    /**
     * The lowest free port of the whole range.
     *
     * @param range     the range asked
     * @param candidate the binding that would take the port
     * @param requested the address as asked (port 0)
     * @param profile   the sharing profile the bind runs under
     */
    public ChooseEphemeralPort(EphemeralRangeKey range, Binding candidate, TransportAddress requested, ProfileId profile) {
        this(range, candidate, requested, profile, 49_152);
    }

    @Override
    public String targetId() {
        return range.toString();
    }
}
