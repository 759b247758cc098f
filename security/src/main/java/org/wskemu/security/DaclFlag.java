package org.wskemu.security;

/** The SDDL DACL control flags (win32 "Security Descriptor String Format"), printed in this order. */
public enum DaclFlag {
    /** SE_DACL_PROTECTED. */
    P,
    /** SE_DACL_AUTO_INHERIT_REQ. */
    AR,
    /** SE_DACL_AUTO_INHERITED. */
    AI;

    /** The flag written {@code text} in SDDL, or null. */
    static DaclFlag fromSddl(String text) {
        for (DaclFlag flag : values()) {
            if (flag.name().equals(text)) {
                return flag;
            }
        }
        return null;
    }
}
