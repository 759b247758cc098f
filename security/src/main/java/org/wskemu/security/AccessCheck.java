package org.wskemu.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The access check of SPEC.md 4, after win32 "How AccessCheck Works" and "Null DACLs and Empty
 * DACLs".
 */
public final class AccessCheck {

    private AccessCheck() {
    }

    /**
     * Decides whether {@code token} gets every right in {@code desired} from {@code sd}.
     *
     * <p>No DACL or a NULL DACL grants; an empty DACL denies; otherwise the ACEs are read in order:
     * a deny ACE whose SID applies to the token and whose mapped mask names any requested right
     * denies at once; allow ACEs whose SID applies add their mapped rights; access is granted as
     * soon as every requested right is; at the end of the list access is denied.
     *
     * @param sd      the descriptor whose DACL is walked
     * @param token   the security context asking
     * @param desired the rights requested; mapped through {@code mapping} like the ACE masks; must
     *                not be empty after mapping
     * @param mapping the generic mapping of the object's type
     * @return granted or denied, with the trace of how
     * @throws IllegalArgumentException if nothing is requested
     * @throws NullPointerException     if any argument is null
     */
    public static AccessCheckResult check(SecurityDescriptor sd, Token token, AccessMask desired,
            GenericMapping mapping) {
        Objects.requireNonNull(sd, "sd");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(mapping, "mapping");
        // [emulator choice] Windows' AccessCheck wants a desired mask with no generic bits (the
        // caller maps it first); here the mask is mapped like the ACE masks. SPEC.md 4 always
        // requests a named right, so asking for nothing is a programming error.
        AccessMask requested = mapping.map(desired);
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("access check for no rights (desired " + desired.toHex() + ")");
        }
        List<Sid> sids = token.sids();

        if (sd.dacl() instanceof Dacl.Absent) {
            // win32 "How AccessCheck Works": "If the object does not have a DACL, the system grants access".
            return done(sids, requested, List.of(), Decider.ABSENT_DACL, null, true, requested);
        }
        if (!(sd.dacl() instanceof Dacl.Present present)) {
            // win32 "Null DACLs and Empty DACLs": "A null DACL grants full access to any user that requests it".
            return done(sids, requested, List.of(), Decider.NULL_DACL, null, true, requested);
        }
        List<Ace> aces = present.acl().aces();
        if (aces.isEmpty()) {
            // win32 "Null DACLs and Empty DACLs": "An empty DACL grants no access to the object".
            return done(sids, requested, List.of(), Decider.EMPTY_DACL, null, false, AccessMask.NONE);
        }

        List<AceVisit> visited = new ArrayList<>();
        AccessMask granted = AccessMask.NONE;
        for (int i = 0; i < aces.size(); i++) {
            Ace ace = aces.get(i);
            AccessMask mapped = mapping.map(ace.mask());
            if (ace.flags().contains(AceFlag.IO)) {
                // SPEC.md 4, Win32 ACE_HEADER: an INHERIT_ONLY_ACE "does not control access to the object to
                // which it is attached". Every other flag is kept and does not change the check.
                visited.add(new AceVisit(i, ace, token.matches(ace.sid()), mapped, AceVisit.Outcome.SKIPPED_INHERIT_ONLY));
                continue;
            }
            if (!token.matches(ace.sid())) {
                visited.add(new AceVisit(i, ace, false, mapped, AceVisit.Outcome.SKIPPED_NO_MATCH));
                continue;
            }
            if (!mapped.intersects(requested)) {
                visited.add(new AceVisit(i, ace, true, mapped, AceVisit.Outcome.NOT_RELEVANT));
                continue;
            }
            if (ace.type() == AceType.DENY) {
                // SPEC.md 4 to the letter: a deny ACE that "meets any requested bit denies at once",
                // even a bit an earlier allow ACE already granted.
                visited.add(new AceVisit(i, ace, true, mapped, AceVisit.Outcome.DENIED));
                return done(sids, requested, visited, Decider.DENY_ACE, i, false, granted);
            }
            granted = granted.or(mapped.and(requested));
            if (granted.containsAll(requested)) {
                visited.add(new AceVisit(i, ace, true, mapped, AceVisit.Outcome.ALLOWED_ALL));
                return done(sids, requested, visited, Decider.ALLOW_ACES, i, true, granted);
            }
            visited.add(new AceVisit(i, ace, true, mapped, AceVisit.Outcome.ALLOWED_SOME));
        }
        // win32 "How AccessCheck Works": "All ACEs have been checked and there is still at least one
        // requested access right that has not been explicitly allowed, in which case, access is
        // implicitly denied."
        return done(sids, requested, visited, Decider.END_OF_LIST, null, false, granted);
    }

    private static AccessCheckResult done(List<Sid> sids, AccessMask requested, List<AceVisit> visited,
            Decider decider, Integer decidingAce, boolean granted, AccessMask grantedSoFar) {
        return new AccessCheckResult(granted,
                new AccessTrace(sids, requested, visited, decider, decidingAce, granted, grantedSoFar));
    }
}
