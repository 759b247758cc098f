package org.wskemu.security;

import java.util.Objects;

/**
 * One ACE as the access check read it.
 *
 * @param index      the ACE's position in the DACL, from 0
 * @param ace        the ACE, never null
 * @param sidMatches whether the ACE's SID applies to the token ({@link Token#matches(Sid)})
 * @param mappedMask the ACE's mask after the generic mapping, never null
 * @param outcome    what the ACE did, never null
 */
public record AceVisit(int index, Ace ace, boolean sidMatches, AccessMask mappedMask, Outcome outcome) {

    /** What one ACE did to the access check. */
    public enum Outcome {
        /** The ACE's SID is not in the token: the ACE is skipped. */
        SKIPPED_NO_MATCH,
        /**
         * The ACE is inherit-only (IO): it "does not control access to the object to which it is
         * attached" (Win32 ACE_HEADER, INHERIT_ONLY_ACE), so the check skips it whatever its SID.
         */
        SKIPPED_INHERIT_ONLY,
        /** A matching deny ACE that names a requested right: access is denied. */
        DENIED,
        /** A matching allow ACE that grants requested rights, but not yet all of them. */
        ALLOWED_SOME,
        /** A matching allow ACE after which every requested right is granted. */
        ALLOWED_ALL,
        /** A matching ACE that names none of the requested rights. */
        NOT_RELEVANT
    }

    /**
     * Checks every part is there.
     *
     * @param index      the ACE's position in the DACL
     * @param ace        the ACE
     * @param sidMatches whether its SID applies to the token
     * @param mappedMask its mask after generic mapping
     * @param outcome    what it did to the check
     */
    public AceVisit {
        Objects.requireNonNull(ace, "ace");
        Objects.requireNonNull(mappedMask, "mappedMask");
        Objects.requireNonNull(outcome, "outcome");
        if (index < 0) {
            throw new IllegalArgumentException("ACE index " + index + " is negative");
        }
        if (outcome != Outcome.SKIPPED_INHERIT_ONLY && sidMatches == (outcome == Outcome.SKIPPED_NO_MATCH)) {
            throw new IllegalArgumentException("outcome " + outcome + " contradicts sidMatches=" + sidMatches);
        }
    }
}
