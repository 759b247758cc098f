package org.wskemu.security;

/** Writes the canonical SDDL form described on {@link Sddl#print(SecurityDescriptor)}. */
final class SddlPrinter {

    /** GA GR GW GX RC SD WD WO together: the masks the printer spells as tokens. */
    private static final int TOKEN_BITS;

    static {
        int bits = 0;
        for (RightToken token : RightToken.values()) {
            if (token.isSingleBit()) {
                bits |= token.mask.bits();
            }
        }
        TOKEN_BITS = bits;
    }

    private SddlPrinter() {
    }

    static String descriptor(SecurityDescriptor d) {
        StringBuilder out = new StringBuilder();
        if (d.owner() != null) {
            out.append("O:").append(d.owner().toSddl());
        }
        if (d.group() != null) {
            out.append("G:").append(d.group().toSddl());
        }
        if (d.daclPresent()) {
            out.append("D:");
            for (DaclFlag flag : d.daclFlags()) {
                out.append(flag.name());
            }
            if (d.dacl() instanceof Dacl.Present present) {
                for (Ace ace : present.acl().aces()) {
                    ace(ace, out);
                }
            } else {
                out.append(SddlParser.NULL_ACL);
            }
        }
        return out.toString();
    }

    static void ace(Ace ace, StringBuilder out) {
        out.append('(').append(ace.type().sddl()).append(';');
        for (AceFlag flag : ace.flags()) {
            out.append(flag.name());
        }
        out.append(';').append(rights(ace.mask())).append(";;;").append(ace.sid().toSddl()).append(')');
    }

    /**
     * An exact file token (FA FR FW FX) first; else, if only GA GR GW GX RC SD WD WO bits are set,
     * those tokens in that order; else {@code 0x} and upper-case hex digits. Mask 0 prints as
     * nothing, which the parser reads back as 0.
     */
    static String rights(AccessMask mask) {
        // [emulator choice] Windows prints masks its own way; this form is one canonical spelling
        // that the parser reads back to the same mask.
        for (RightToken token : RightToken.values()) {
            if (!token.isSingleBit() && token.mask.equals(mask)) {
                return token.name();
            }
        }
        if ((mask.bits() & ~TOKEN_BITS) != 0) {
            return String.format("0x%X", mask.bits());
        }
        StringBuilder out = new StringBuilder();
        for (RightToken token : RightToken.values()) {
            if (token.isSingleBit() && mask.intersects(token.mask)) {
                out.append(token.name());
            }
        }
        return out.toString();
    }
}
