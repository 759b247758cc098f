package org.wskemu.api.event;

import org.wskemu.api.ProcessId;
import org.wskemu.api.ThreadId;
import org.wskemu.security.Token;

/** A thread of a process was declared; {@code impersonation} is null when it does not impersonate. */
public record ThreadDeclared(ThreadId thread, ProcessId process, Token impersonation) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.threadDeclared(this);
    }
}
