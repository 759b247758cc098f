package org.wskemu.engine.explain;

/** Why a live binding on a bind's port was not consulted by its decision (SPEC.md 6, 6a). */
public enum SetAsideRule {

    /** The binding is of the other transport protocol: TCP and UDP ports are separate. */
    OTHER_PROTOCOL("another protocol: only bindings of the same protocol, family and port are compared (SPEC.md 6.2)"),

    /** The binding is held only in a name space the bind is not decided in. */
    OTHER_FAMILY("another family: only bindings of the same protocol, family and port are compared (SPEC.md 6.2)"),

    /** SPEC.md 6a.3: a dual-stack wildcard bound without SO_EXCLUSIVEADDRUSE is not seen by later inet binds. */
    DUAL_STACK_NOT_SEEN("SPEC.md 6a rule 3: a non-exclusive dual-stack wildcard is not seen by later inet binds"),

    /** Two different specific addresses never overlap. */
    DIFFERENT_ADDRESS("different specific addresses never overlap (SPEC.md 6.2)"),

    /** The binding is alike (same option, address and descriptor) to a consulted one, which answered for it. */
    ALIKE("alike to a consulted binding (same option, address and descriptor): its answer is this one's"),

    /** The decision had already failed at an earlier binding: the first failure decides. */
    NOT_REACHED("not reached: bindings are consulted in bind order and the first failure decides (SPEC.md 6.3)"),

    /** The bind was refused before any binding was compared (the socket's own rules, the host's addresses). */
    REFUSED_BEFORE("the bind was refused before any binding is compared (SPEC.md 5: the socket's own rules, the host's addresses)"),

    /** An ephemeral bind never conflicts. */
    EPHEMERAL("an ephemeral bind takes a free port and never conflicts (SPEC.md 6.1)");

    private final String text;

    SetAsideRule(String text) {
        this.text = text;
    }

    /** {@return the rule in words, with where the spec says it} */
    public String text() {
        return text;
    }
}
