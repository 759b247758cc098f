package org.wskemu.security;

import java.util.List;
import java.util.Objects;

/**
 * Everything an access check looked at, in order, as SPEC.md 4 asks: the token's SIDs, the
 * requested mask, each ACE visited (up to and including the deciding one), what decided, and the
 * answer.
 *
 * @param tokenSids    the token's user then groups, never null, copied immutable
 * @param requested    the requested mask after the generic mapping, never null
 * @param visited      the ACEs read, in DACL order, never null, copied immutable
 * @param decidedBy    what decided, never null
 * @param decidingAce  the DACL index of the deciding ACE, non-null exactly when {@code decidedBy}
 *                     is {@link Decider#DENY_ACE} or {@link Decider#ALLOW_ACES}
 * @param granted      the answer
 * @param grantedSoFar the requested rights granted when the check stopped, never null
 */
public record AccessTrace(List<Sid> tokenSids, AccessMask requested, List<AceVisit> visited, Decider decidedBy,
        Integer decidingAce, boolean granted, AccessMask grantedSoFar) {

    /**
     * Copies the lists and checks the parts agree.
     *
     * @param tokenSids    the token's SIDs
     * @param requested    the rights requested, mapped
     * @param visited      the ACEs visited
     * @param decidedBy    what decided
     * @param decidingAce  the deciding ACE's index, or null when no single ACE decided
     * @param granted      whether access was granted
     * @param grantedSoFar the requested rights granted when the check stopped
     * @throws IllegalArgumentException if {@code decidingAce} does not fit {@code decidedBy}
     */
    public AccessTrace {
        tokenSids = List.copyOf(Objects.requireNonNull(tokenSids, "tokenSids"));
        Objects.requireNonNull(requested, "requested");
        visited = List.copyOf(Objects.requireNonNull(visited, "visited"));
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(grantedSoFar, "grantedSoFar");
        boolean byAce = decidedBy == Decider.DENY_ACE || decidedBy == Decider.ALLOW_ACES;
        if (byAce != (decidingAce != null)) {
            throw new IllegalArgumentException("decidingAce " + decidingAce + " does not fit " + decidedBy);
        }
    }

    /**
     * A multi-line explanation, for example:
     *
     * <pre>
     * token: S-1-5-18, S-1-5-32-544
     * requested: 0x00000002
     * ACE 0 (A;;GA;;;SY): matches, allows 0x001F01FF -&gt; granted
     * result: GRANTED by ACE 0
     * </pre>
     *
     * @return the explanation, one line per step
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("token: ");
        for (int i = 0; i < tokenSids.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(tokenSids.get(i).value());
        }
        out.append("\nrequested: ").append(requested.toHex()).append('\n');
        switch (decidedBy) {
            case ABSENT_DACL -> out.append("DACL: absent\n");
            case NULL_DACL -> out.append("DACL: NULL (").append(SddlParser.NULL_ACL).append(")\n");
            case EMPTY_DACL -> out.append("DACL: empty\n");
            default -> {
                // The ACE lines are only there when the DACL has ACEs.
            }
        }
        AccessMask soFar = AccessMask.NONE;
        for (AceVisit visit : visited) {
            out.append("ACE ").append(visit.index()).append(' ').append(visit.ace().toSddl()).append(": ");
            String verb = visit.ace().type() == AceType.DENY ? "denies " : "allows ";
            String rights = verb + visit.mappedMask().toHex();
            switch (visit.outcome()) {
                case SKIPPED_NO_MATCH -> out.append("SID not in token -> skipped");
                case SKIPPED_INHERIT_ONLY -> out.append("inherit-only (IO) -> skipped");
                case NOT_RELEVANT -> out.append("matches, ").append(rights).append(" -> no requested right");
                case DENIED -> out.append("matches, ").append(rights).append(" -> denied");
                case ALLOWED_ALL -> out.append("matches, ").append(rights).append(" -> granted");
                case ALLOWED_SOME -> {
                    soFar = soFar.or(visit.mappedMask().and(requested));
                    out.append("matches, ").append(rights).append(" -> granted so far ").append(soFar.toHex())
                            .append(", missing ").append(requested.without(soFar).toHex());
                }
            }
            out.append('\n');
        }
        out.append("result: ").append(granted ? "GRANTED" : "DENIED");
        switch (decidedBy) {
            case ABSENT_DACL -> out.append(": the descriptor has no DACL");
            case NULL_DACL -> out.append(" by the NULL DACL");
            case EMPTY_DACL -> out.append(" by the empty DACL");
            case DENY_ACE, ALLOW_ACES -> out.append(" by ACE ").append(decidingAce);
            case END_OF_LIST -> out.append(" at the end of the DACL: granted ").append(grantedSoFar.toHex())
                    .append(" of ").append(requested.toHex());
        }
        return out.toString();
    }
}
