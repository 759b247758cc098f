package org.wskemu.security;

/** The two ACE types SPEC.md 4 accepts, with their SDDL strings (win32 "ACE Strings"). */
public enum AceType {
    /** {@code A}: ACCESS_ALLOWED_ACE_TYPE. */
    ALLOW("A"),
    /** {@code D}: ACCESS_DENIED_ACE_TYPE. */
    DENY("D");

    private final String sddl;

    AceType(String sddl) {
        this.sddl = sddl;
    }

    /** {@return the SDDL ace_type string} */
    public String sddl() {
        return sddl;
    }

    /** The type written {@code text} in SDDL, or null. */
    static AceType fromSddl(String text) {
        for (AceType type : values()) {
            if (type.sddl.equals(text)) {
                return type;
            }
        }
        return null;
    }
}
