package org.wskemu.engine.command;

import org.wskemu.api.ProcessId;
import org.wskemu.api.ThreadId;
import org.wskemu.security.Token;

/** Declares a thread of a declared process; {@code impersonation} null when it does not impersonate. */
public record DeclareThread(ThreadId thread, ProcessId process, Token impersonation) implements KernelCommand {

    @Override
    public String targetId() {
        return MACHINE;
    }
}
