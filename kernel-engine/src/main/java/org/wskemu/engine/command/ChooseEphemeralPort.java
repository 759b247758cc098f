package org.wskemu.engine.command;

import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;

/**
 * Picks the lowest free port of the ephemeral range at or above {@code from} (SPEC.md 6.1), or
 * records TOO_MANY_ADDRESSES and answers null. A dual-stack bind asks both ranges in turn, raising
 * {@code from}, until they agree (SPEC.md 6a.4).
 */
public record ChooseEphemeralPort(EphemeralRangeKey range, Binding candidate, TransportAddress requested, ProfileId profile,
                                  int from) implements KernelCommand {

    /** The lowest free port of the whole range. */
    public ChooseEphemeralPort(EphemeralRangeKey range, Binding candidate, TransportAddress requested, ProfileId profile) {
        this(range, candidate, requested, profile, 49_152);
    }

    @Override
    public String targetId() {
        return range.toString();
    }
}
