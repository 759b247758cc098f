package org.wskemu.api.command;

import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;

/** Picks the lowest free port of the ephemeral range (SPEC.md 6.1), or records TOO_MANY_ADDRESSES and answers null. */
public record ChooseEphemeralPort(EphemeralRangeKey range, Binding candidate, TransportAddress requested, ProfileId profile) implements KernelCommand {

    @Override
    public String targetId() {
        return range.toString();
    }
}
