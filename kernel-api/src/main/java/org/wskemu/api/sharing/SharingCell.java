package org.wskemu.api.sharing;

import org.wskemu.api.NtStatus;

/**
 * A cell of the sharing table (WDK "Sharing Transport Addresses"): the result of binding a second
 * socket to an address a first socket holds.
 */
public enum SharingCell {
    /** The second bind succeeds. */
    SUCCESS,
    /** The second bind fails with the profile's in-use status (SPEC.md 7: ADDRESS_ALREADY_EXISTS under wsk). */
    INUSE,
    /** The second bind fails with STATUS_ACCESS_DENIED. */
    DENIED,
    /** An access check of the second socket's context against the first socket's descriptor decides. */
    CHECK;

    /**
     * The status a cell gives outright under {@code profile}; CHECK has none until the access check runs.
     *
     * @param profile the profile deciding the in-use status
     * @return SUCCESS, the profile's in-use status or ACCESS_DENIED
     * @throws IllegalStateException for {@link #CHECK}
     */
    public NtStatus status(ProfileId profile) {
        return switch (this) {
            case SUCCESS -> NtStatus.SUCCESS;
            case INUSE -> profile.inUseStatus();
            case DENIED -> NtStatus.ACCESS_DENIED;
            case CHECK -> throw new IllegalStateException("a CHECK cell is decided by the access check");
        };
    }
}
