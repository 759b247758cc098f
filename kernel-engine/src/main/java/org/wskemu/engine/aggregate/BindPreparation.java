package org.wskemu.engine.aggregate;

import java.util.Objects;
import org.wskemu.api.NtStatus;
import org.wskemu.api.sharing.Binding;
import org.wskemu.security.Token;

/**
 * The socket's half of a bind: either the status it {@link Refused refused} with, or the
 * {@link Candidate binding it would take} (with the requested port, 0 for an ephemeral request) and
 * its security context. A command's answer inside the engine, never stored.
 */
public sealed interface BindPreparation {

    /**
     * The socket refused the bind with {@code status}; the refusal is already recorded.
     *
     * @param status the refusal's status
     */
    record Refused(NtStatus status) implements BindPreparation {
        /**
         * Checks the component.
         *
         * @param status the refusal's status, never null
         */
        public Refused {
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * The binding the socket would take, and the security context the access check runs under.
     *
     * @param binding the binding, with the requested port (0 for an ephemeral request)
     * @param context the socket's security context
     */
    record Candidate(Binding binding, Token context) implements BindPreparation {
        /**
         * Checks the components.
         *
         * @param binding the binding, never null
         * @param context the security context, never null
         */
        public Candidate {
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(context, "context");
        }
    }
}
