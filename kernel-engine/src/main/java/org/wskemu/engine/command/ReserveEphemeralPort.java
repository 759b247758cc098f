package org.wskemu.engine.command;


/** Locks the ephemeral range before a port of it is decided, so locks are always taken range then port. */
public record ReserveEphemeralPort(EphemeralRangeKey range, int port) implements KernelCommand {

    @Override
    public String targetId() {
        return range.toString();
    }
}
