package org.wskemu.api.event;

import org.wskemu.api.ProcessId;
import org.wskemu.security.Token;

/** A process was declared (or re-declared) with its primary token. */
public record ProcessDeclared(ProcessId process, Token token) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.processDeclared(this);
    }
}
