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

    /**
     * The status of an address in use (an INUSE cell), SPEC.md 7: ADDRESS_ALREADY_EXISTS under
     * {@code wsk} (the WDK page's INUSE); SHARING_VIOLATION under {@code win32} and
     * {@code win32-legacy}, what AFD answers user-mode sockets on Windows (Wine afd.c test_bind,
     * Windows-checked; user mode maps it to WSAEADDRINUSE).
     *
     * @return the in-use status under this profile
     */
    public org.wskemu.api.NtStatus inUseStatus() {
        return this == WSK ? org.wskemu.api.NtStatus.ADDRESS_ALREADY_EXISTS : org.wskemu.api.NtStatus.SHARING_VIOLATION;
    }

    /** {@return whether the profile sizes option buffers as Windows' user mode does (SPEC.md 7): {@code win32} and {@code win32-legacy}} */
    public boolean userModeSizes() {
        return this != WSK;
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
