package org.wskemu.api.event;

import org.wskemu.api.SessionRun;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketId;
import org.wskemu.api.sharing.BindDecision;

/**
 * WskBind was refused; the socket stays unbound and may try again. It names the requesting socket's
 * label, run and process so the audit needs nothing else.
 */
public record BindRefused(SocketId socket, String label, SessionRun run, ProcessId process, BindDecision decision)
        implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.bindRefused(this);
    }
}
