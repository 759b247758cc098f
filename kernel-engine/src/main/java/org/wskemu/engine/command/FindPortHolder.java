package org.wskemu.engine.command;

import org.wskemu.api.PortKey;

/**
 * Asks a port for its first live binding, if any, and records nothing: whether a port-0 bind's recorded
 * port is free in this name space (SPEC.md 6, rule 1a).
 *
 * @param port the port (protocol, name space, number)
 */
public record FindPortHolder(PortKey port) implements KernelCommand {

    @Override
    public String targetId() {
        return port.toString();
    }
}
