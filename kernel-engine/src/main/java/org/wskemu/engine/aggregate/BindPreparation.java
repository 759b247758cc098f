package org.wskemu.engine.aggregate;

import org.wskemu.api.NtStatus;
import org.wskemu.api.sharing.Binding;
import org.wskemu.security.Token;

/**
 * The socket's half of a bind: either the status it refused with, or the binding it would take
 * (with the requested port, 0 for an ephemeral request) and its security context.
 */
public record BindPreparation(NtStatus refusal, Binding candidate, Token context) {

    public static BindPreparation refused(NtStatus status) {
        return new BindPreparation(status, null, null);
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
