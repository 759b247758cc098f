package org.wskemu.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An access token as SPEC.md 2 describes it: a user SID and group SIDs, all enabled.
 *
 * @param user   the user SID, never null
 * @param groups the group SIDs in order; {@code null} means none; copied into an immutable list
 *               (null elements throw {@link NullPointerException})
 */
public record Token(Sid user, List<Sid> groups) {

    /**
     * Copies the groups.
     *
     * @param user   the user SID
     * @param groups the group SIDs, or null for none
     */
    public Token {
        Objects.requireNonNull(user, "user");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /**
     * {@return a token for {@code user} with the given groups, in order}
     *
     * @param user   the user SID
     * @param groups the group SIDs
     */
    public static Token of(Sid user, Sid... groups) {
        return new Token(user, List.of(groups));
    }

    /**
     * Whether an ACE naming {@code sid} applies to this token (SPEC.md 4): the SID is the user or
     * one of the groups; {@code WD} (Everyone) matches every token; {@code AU} (Authenticated
     * Users) matches every token whose user is not Anonymous Logon (S-1-5-7).
     *
     * @param sid an ACE's trustee
     * @return whether the ACE applies
     */
    public boolean matches(Sid sid) {
        Objects.requireNonNull(sid, "sid");
        if (sid.equals(user) || groups.contains(sid)) {
            return true;
        }
        if (sid.equals(Sid.EVERYONE)) {
            return true;
        }
        // SPEC.md 4: AU is implied for every user but Anonymous. A group list that names AU
        // explicitly still counts, above, even for the anonymous user [emulator choice].
        return sid.equals(Sid.AUTHENTICATED_USERS) && !user.equals(Sid.ANONYMOUS);
    }

    /** {@return the user, then the groups in order: the SIDs an access-check trace shows} */
    public List<Sid> sids() {
        List<Sid> all = new ArrayList<>(groups.size() + 1);
        all.add(user);
        all.addAll(groups);
        return Collections.unmodifiableList(all);
    }
}
