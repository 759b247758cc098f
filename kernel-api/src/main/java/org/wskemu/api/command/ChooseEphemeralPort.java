package org.wskemu.api.command;

import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.ProfileId;

/** Picks the lowest free port of the ephemeral range (SPEC.md 6.1), or records TOO_MANY_ADDRESSES and answers null. */
public record ChooseEphemeralPort(EphemeralRangeKey range, SocketId socket, TransportAddress requested, SharingOption option, ProfileId profile) implements KernelCommand {

    @Override
    public String targetId() {
        return range.toString();
    }
}
