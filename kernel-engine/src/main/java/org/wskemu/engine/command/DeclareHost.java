package org.wskemu.engine.command;

import java.util.List;
import org.wskemu.api.HostAddress;

/** Declares unicast addresses the machine owns (SPEC.md 2). */
public record DeclareHost(List<HostAddress> addresses) implements KernelCommand {

    @Override
    public String targetId() {
        return MACHINE;
    }
}
