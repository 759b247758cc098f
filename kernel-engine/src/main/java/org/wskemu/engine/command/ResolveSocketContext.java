package org.wskemu.engine.command;

import org.wskemu.api.SessionRun;
import org.wskemu.api.SocketRequest;

/** Checks a WskSocket request against the declared processes and threads and answers the socket's security context (SPEC.md 3), or records the refusal and answers null. */
public record ResolveSocketContext(SocketRequest request, SessionRun run) implements KernelCommand {

    @Override
    public String targetId() {
        return MACHINE;
    }
}
