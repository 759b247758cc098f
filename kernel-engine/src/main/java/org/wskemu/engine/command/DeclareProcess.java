package org.wskemu.engine.command;

import org.wskemu.api.ProcessId;
import org.wskemu.security.Token;

/** Declares (or re-declares) a process and its primary token. */
public record DeclareProcess(ProcessId process, Token token) implements KernelCommand {

    @Override
    public String targetId() {
        return MACHINE;
    }
}
