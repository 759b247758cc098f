package org.wskemu.api;

/**
 * The sharing option a socket holds when it binds: neither option, SO_REUSEADDR or
 * SO_EXCLUSIVEADDRUSE. The two options can never both be enabled (SPEC.md 5).
 */
public enum SharingOption {
    NONE("NONE"),
    SO_REUSEADDR("REUSE"),
    SO_EXCLUSIVEADDRUSE("EXCL");

    private final String shortName;

    SharingOption(String shortName) {
        this.shortName = shortName;
    }

    /** {@code NONE}, {@code REUSE} or {@code EXCL}, as the sharing table abbreviates it. */
    public String shortName() {
        return shortName;
    }

    /** The option in force for the given flags; both set is impossible by construction. */
    public static SharingOption of(boolean reuseAddress, boolean exclusiveAddressUse) {
        if (reuseAddress && exclusiveAddressUse) {
            throw new IllegalArgumentException("SO_REUSEADDR and SO_EXCLUSIVEADDRUSE cannot both be enabled");
        }
        return reuseAddress ? SO_REUSEADDR : exclusiveAddressUse ? SO_EXCLUSIVEADDRUSE : NONE;
    }

    /** Parses {@code NONE}, the option names, or their short names {@code REUSE} and {@code EXCL}. */
    public static SharingOption parse(String text) {
        for (SharingOption option : values()) {
            if (option.name().equalsIgnoreCase(text) || option.shortName.equalsIgnoreCase(text)) {
                return option;
            }
        }
        throw new IllegalArgumentException("unknown sharing option '" + text
                + "' (expected NONE, SO_REUSEADDR or SO_EXCLUSIVEADDRUSE)");
    }
}
