package org.wskemu.api;

/**
 * The sharing option a socket holds when it binds: neither option, SO_REUSEADDR or
 * SO_EXCLUSIVEADDRUSE. The two options can never both be enabled (SPEC.md 5).
 */
public enum SharingOption {
    /** Neither option is enabled: the socket shares under the default rules ({@code NONE}). */
    NONE("NONE"),
    /** SO_REUSEADDR is enabled: the socket may share an address in use ({@code REUSE}). */
    SO_REUSEADDR("REUSE"),
    /** SO_EXCLUSIVEADDRUSE is enabled: no other socket may share the address ({@code EXCL}). */
    SO_EXCLUSIVEADDRUSE("EXCL");

    private final String shortName;

    SharingOption(String shortName) {
        this.shortName = shortName;
    }

    /** {@return {@code NONE}, {@code REUSE} or {@code EXCL}, as the sharing table abbreviates it} */
    public String shortName() {
        return shortName;
    }

    /**
     * The option in force for the given flags; both set is impossible by construction.
     *
     * @param reuseAddress whether SO_REUSEADDR is enabled
     * @param exclusiveAddressUse whether SO_EXCLUSIVEADDRUSE is enabled
     * @return the one option in force, {@link #NONE} when neither
     * @throws IllegalArgumentException when both are enabled
     */
    public static SharingOption of(boolean reuseAddress, boolean exclusiveAddressUse) {
        if (reuseAddress && exclusiveAddressUse) {
            throw new IllegalArgumentException("SO_REUSEADDR and SO_EXCLUSIVEADDRUSE cannot both be enabled");
        }
        return reuseAddress ? SO_REUSEADDR : exclusiveAddressUse ? SO_EXCLUSIVEADDRUSE : NONE;
    }

    /**
     * Parses {@code NONE}, the option names, or their short names {@code REUSE} and {@code EXCL}.
     *
     * @param text the name in any letter case
     * @return the option, never null
     * @throws IllegalArgumentException naming the text when it is none of these
     */
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
