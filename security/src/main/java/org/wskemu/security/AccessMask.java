package org.wskemu.security;

/**
 * A 32-bit access mask, held unsigned in an {@code int}. Generic bits are the four high-order bits
 * (win32 "Generic Access Rights"); standard rights are bits 16..23 (SDDL "ACE Strings").
 */
public record AccessMask(int bits) {

    /** No rights at all. */
    public static final AccessMask NONE = new AccessMask(0);

    /** SDDL {@code GA}: GENERIC_ALL. */
    public static final AccessMask GENERIC_ALL = new AccessMask(0x1000_0000);
    /** SDDL {@code GX}: GENERIC_EXECUTE. */
    public static final AccessMask GENERIC_EXECUTE = new AccessMask(0x2000_0000);
    /** SDDL {@code GW}: GENERIC_WRITE. */
    public static final AccessMask GENERIC_WRITE = new AccessMask(0x4000_0000);
    /** SDDL {@code GR}: GENERIC_READ. */
    public static final AccessMask GENERIC_READ = new AccessMask(0x8000_0000);

    /** SDDL {@code SD}. */
    public static final AccessMask DELETE = new AccessMask(0x0001_0000);
    /** SDDL {@code RC}. */
    public static final AccessMask READ_CONTROL = new AccessMask(0x0002_0000);
    /** SDDL {@code WD}. */
    public static final AccessMask WRITE_DAC = new AccessMask(0x0004_0000);
    /** SDDL {@code WO}. */
    public static final AccessMask WRITE_OWNER = new AccessMask(0x0008_0000);

    /** SDDL {@code FA}: FILE_ALL_ACCESS. */
    public static final AccessMask FILE_ALL = new AccessMask(0x001F_01FF);
    /** SDDL {@code FR}: FILE_GENERIC_READ. */
    public static final AccessMask FILE_READ = new AccessMask(0x0012_0089);
    /** SDDL {@code FW}: FILE_GENERIC_WRITE. */
    public static final AccessMask FILE_WRITE = new AccessMask(0x0012_0116);
    /** SDDL {@code FX}: FILE_GENERIC_EXECUTE. */
    public static final AccessMask FILE_EXECUTE = new AccessMask(0x0012_00A0);

    /** The four generic bits together. */
    static final int GENERIC_BITS = 0xF000_0000;

    /**
     * {@return the union of both masks}
     *
     * @param other the other mask
     */
    public AccessMask or(AccessMask other) {
        return new AccessMask(bits | other.bits);
    }

    /**
     * {@return the bits both masks have}
     *
     * @param other the other mask
     */
    public AccessMask and(AccessMask other) {
        return new AccessMask(bits & other.bits);
    }

    /**
     * {@return this mask without the bits of {@code other}}
     *
     * @param other the bits to clear
     */
    public AccessMask without(AccessMask other) {
        return new AccessMask(bits & ~other.bits);
    }

    /**
     * {@return whether the masks share at least one bit}
     *
     * @param other the other mask
     */
    public boolean intersects(AccessMask other) {
        return (bits & other.bits) != 0;
    }

    /**
     * {@return whether every bit of {@code other} is in this mask (true for an empty {@code other})}
     *
     * @param other the bits looked for
     */
    public boolean containsAll(AccessMask other) {
        return (bits & other.bits) == other.bits;
    }

    /** {@return whether no bit is set} */
    public boolean isEmpty() {
        return bits == 0;
    }

    /** {@return eight upper-case hex digits: {@code 0x00000002}} */
    public String toHex() {
        return String.format("0x%08X", bits);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
