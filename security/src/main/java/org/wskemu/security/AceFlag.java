package org.wskemu.security;

/**
 * The SDDL ACE flags (win32 "ACE Strings"); the name is the SDDL string. SPEC.md 4: "ACE flags
 * parsed and kept". They are printed in declaration order and do not change the access check.
 */
public enum AceFlag {
    /** CONTAINER_INHERIT_ACE. */
    CI,
    /** OBJECT_INHERIT_ACE. */
    OI,
    /** NO_PROPAGATE_INHERIT_ACE. */
    NP,
    /** INHERIT_ONLY_ACE. */
    IO,
    /** INHERITED_ACE. */
    ID,
    /** SUCCESSFUL_ACCESS_ACE_FLAG. */
    SA,
    /** FAILED_ACCESS_ACE_FLAG. */
    FA,
    /** TRUST_PROTECTED_FILTER_ACE_FLAG. */
    TP,
    /** CRITICAL_ACE_FLAG. */
    CR;

    /** The flag written {@code text} in SDDL, or null. */
    static AceFlag fromSddl(String text) {
        for (AceFlag flag : values()) {
            if (flag.name().equals(text)) {
                return flag;
            }
        }
        return null;
    }
}
