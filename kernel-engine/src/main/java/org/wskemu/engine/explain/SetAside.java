package org.wskemu.engine.explain;

import java.util.Objects;
import org.wskemu.engine.readmodel.OwnershipRow;

/**
 * A live binding on a bind's port that the decision did not consult, and the rule that set it aside.
 *
 * @param binding the binding, as the ownership read model held it just before the bind
 * @param rule    why it was not consulted
 * @param other   for {@link SetAsideRule#ALIKE} the consulted binding that answered for it, for
 *                {@link SetAsideRule#NOT_REACHED} the one that refused first; else null
 */
public record SetAside(OwnershipRow binding, SetAsideRule rule, OwnershipRow other) {

    /**
     * Checks the binding and the rule are there.
     *
     * @param binding the binding
     * @param rule    the rule
     * @param other   the binding the rule names, or null
     */
    public SetAside {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(rule, "rule");
    }
}
