package org.wskemu.engine.command;

import org.wskemu.api.PortKey;

/** Counts a binding beginning ({@code taken}) or ending on a port of the ephemeral range. */
public record TrackEphemeralPort(EphemeralRangeKey range, PortKey port, boolean taken) implements KernelCommand {

    @Override
    public String targetId() {
        return range.toString();
    }
}
