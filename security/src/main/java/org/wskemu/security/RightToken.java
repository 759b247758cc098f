package org.wskemu.security;

/**
 * The SDDL access-rights strings SPEC.md 4 accepts (win32 "ACE Strings"), in the order the printer
 * writes them. Directory-service, registry and mandatory-label rights are refused.
 */
enum RightToken {
    GA(AccessMask.GENERIC_ALL),
    GR(AccessMask.GENERIC_READ),
    GW(AccessMask.GENERIC_WRITE),
    GX(AccessMask.GENERIC_EXECUTE),
    RC(AccessMask.READ_CONTROL),
    SD(AccessMask.DELETE),
    WD(AccessMask.WRITE_DAC),
    WO(AccessMask.WRITE_OWNER),
    FA(AccessMask.FILE_ALL),
    FR(AccessMask.FILE_READ),
    FW(AccessMask.FILE_WRITE),
    FX(AccessMask.FILE_EXECUTE);

    final AccessMask mask;

    RightToken(AccessMask mask) {
        this.mask = mask;
    }

    /** Whether the token stands for one bit that the file tokens do not overlap (GA..WO). */
    boolean isSingleBit() {
        return Integer.bitCount(mask.bits()) == 1;
    }

    static RightToken fromSddl(String text) {
        for (RightToken token : values()) {
            if (token.name().equals(text)) {
                return token;
            }
        }
        return null;
    }
}
