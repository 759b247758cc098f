package org.wskemu.api.sharing;

/** The sharing profiles of SPEC.md 7: a table of 36 cells plus a default descriptor. */
public enum ProfileId {
    /** WDK "Sharing Transport Addresses"; the default. */
    WSK("wsk"),
    /** Win32 "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE", Windows Server 2003 and later. */
    WIN32("win32"),
    /** The same page, Windows XP and earlier: no access checks. */
    WIN32_LEGACY("win32-legacy");

    private final String label;

    ProfileId(String label) {
        this.label = label;
    }

    /** {@return the name on the command line and in the policy table's header} */
    public String label() {
        return label;
    }

    /**
     * Reads a profile's name.
     *
     * @param text {@code wsk}, {@code win32} or {@code win32-legacy}
     * @return the profile
     * @throws IllegalArgumentException naming the text when it is no profile
     */
    public static ProfileId parse(String text) {
        for (ProfileId id : values()) {
            if (id.label.equals(text)) {
                return id;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + text + "' (expected wsk, win32 or win32-legacy)");
    }

    @Override
    public String toString() {
        return label;
    }
}
