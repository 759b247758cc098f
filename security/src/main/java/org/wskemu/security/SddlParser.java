package org.wskemu.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the SDDL subset described on {@link Sddl}. One instance reads one string; offsets in
 * messages are 0-based positions in the string as given (before trimming).
 */
final class SddlParser {

    /** SDDL_NULL_ACL: the DACL flag string for a NULL DACL. */
    static final String NULL_ACL = "NO_ACCESS_CONTROL";

    private static final String ACE_FIELDS = "type;flags;rights;object_guid;inherit_object_guid;sid";
    private static final String RIGHTS = "GA GR GW GX RC SD WD WO FA FR FW FX or 0x and 1 to 8 hex digits";

    private final String s;
    private final int end;
    private int pos;

    private Set<DaclFlag> daclFlags = Set.of();
    private Acl dacl;

    private SddlParser(String s, int start, int end) {
        this.s = s;
        this.pos = start;
        this.end = end;
    }

    static SecurityDescriptor parse(String text) {
        Objects.requireNonNull(text, "sddl");
        // Hostile input must not make the parser allocate without bound [emulator choice].
        if (text.length() > Sddl.MAX_LENGTH) {
            throw new SddlException("SDDL: descriptor too long: " + text.length()
                    + " characters, the limit is " + Sddl.MAX_LENGTH + " (offset " + Sddl.MAX_LENGTH + ")",
                    Sddl.MAX_LENGTH);
        }
        // [emulator choice] whitespace is allowed only at the two ends of the whole string, which
        // are trimmed; anywhere else it is refused like any other unexpected character.
        int start = 0;
        int end = text.length();
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            // [emulator choice] a descriptor with nothing in it is refused.
            throw new SddlException("SDDL: empty descriptor", 0);
        }
        return new SddlParser(text, start, end).descriptor();
    }

    private SecurityDescriptor descriptor() {
        Sid owner = null;
        Sid group = null;
        boolean sawOwner = false;
        boolean sawGroup = false;
        boolean sawDacl = false;
        // win32 "Security Descriptor String Format" lists O:, G:, D:, S:; Windows does not insist
        // on that order, so any order is accepted, each component at most once [emulator choice].
        while (pos < end) {
            int at = pos;
            if (!componentAt(at)) {
                throw new SddlException("SDDL: unexpected '" + excerpt(at) + "' at offset " + at
                        + " (expected O:, G: or D:)", at);
            }
            char letter = s.charAt(at);
            pos += 2;
            switch (letter) {
                case 'O' -> {
                    once(sawOwner, at);
                    sawOwner = true;
                    owner = componentSid("owner", at);
                }
                case 'G' -> {
                    once(sawGroup, at);
                    sawGroup = true;
                    group = componentSid("group", at);
                }
                case 'D' -> {
                    once(sawDacl, at);
                    sawDacl = true;
                    dacl();
                }
                default -> // SPEC.md 4: SACLs are refused.
                    throw new SddlException("SDDL: SACLs are not supported ('S:' at offset " + at + ")", at);
            }
        }
        return new SecurityDescriptor(owner, group, sawDacl ? Dacl.of(daclFlags, dacl) : Dacl.ABSENT);
    }

    /** Whether a component token ({@code O: G: D: S:}) starts at {@code i}. */
    private boolean componentAt(int i) {
        return i + 1 < end && s.charAt(i + 1) == ':' && "OGDS".indexOf(s.charAt(i)) >= 0;
    }

    private void once(boolean seen, int at) {
        if (seen) {
            throw new SddlException("SDDL: duplicate '" + s.charAt(at) + ":' at offset " + at
                    + " (each component may appear once)", at);
        }
    }

    /** The owner or group SID: everything up to the next component token or the end. */
    private Sid componentSid(String what, int componentAt) {
        int start = pos;
        int stop = start;
        while (stop < end && !componentAt(stop)) {
            stop++;
        }
        pos = stop;
        if (stop == start) {
            throw new SddlException("SDDL: missing " + what + " SID after '" + s.charAt(componentAt)
                    + ":' at offset " + start, start);
        }
        return sid(what, start, stop);
    }

    private Sid sid(String what, int start, int stop) {
        try {
            return Sid.parse(s.substring(start, stop));
        } catch (IllegalArgumentException e) {
            throw new SddlException("SDDL: bad " + what + " SID at offset " + start + ": " + e.getMessage(), start, e);
        }
    }

    /** {@code D:} has been read: the DACL flags, then the ACEs. */
    private void dacl() {
        EnumSet<DaclFlag> flags = EnumSet.noneOf(DaclFlag.class);
        boolean nullAcl = false;
        while (pos < end && s.charAt(pos) != '(' && !componentAt(pos)) {
            int at = pos;
            // win32 "Security Descriptor String Format": dacl_flags is "a concatenation of zero or
            // more" of P, AR, AI, NO_ACCESS_CONTROL; so NO_ACCESS_CONTROL may come with the others.
            if (startsWith(NULL_ACL, at)) {
                if (nullAcl) {
                    throw new SddlException("SDDL: DACL flag '" + NULL_ACL + "' repeated at offset " + at, at);
                }
                nullAcl = true;
                pos += NULL_ACL.length();
                continue;
            }
            DaclFlag flag = startsWith("AR", at) ? DaclFlag.AR
                    : startsWith("AI", at) ? DaclFlag.AI
                    : startsWith("P", at) ? DaclFlag.P
                    : null;
            if (flag == null) {
                throw new SddlException("SDDL: unexpected '" + excerpt(at) + "' in the DACL flags at offset " + at
                        + " (expected P, AR, AI, " + NULL_ACL + " or an ACE in parentheses)", at);
            }
            if (!flags.add(flag)) {
                throw new SddlException("SDDL: DACL flag '" + flag + "' repeated at offset " + at, at);
            }
            pos += flag.name().length();
        }
        List<Ace> aces = new ArrayList<>();
        while (pos < end && s.charAt(pos) == '(') {
            if (nullAcl) {
                throw new SddlException("SDDL: a NULL DACL (" + NULL_ACL + ") cannot have ACEs ('(' at offset "
                        + pos + ")", pos);
            }
            aces.add(ace());
        }
        if (pos < end && !componentAt(pos)) {
            if (s.charAt(pos) == ')') {
                throw new SddlException("SDDL: unbalanced ')' at offset " + pos, pos);
            }
            throw new SddlException("SDDL: unexpected '" + excerpt(pos) + "' after the DACL at offset " + pos, pos);
        }
        daclFlags = flags;
        dacl = nullAcl ? null : new Acl(aces);
    }

    /** One {@code (type;flags;rights;object_guid;inherit_object_guid;sid)}; {@code pos} is at '('. */
    private Ace ace() {
        int open = pos;
        int close = matchingParenthesis(open);
        pos = close + 1;
        int first = open + 1;

        int typeEnd = indexOf(';', first, close);
        if (typeEnd < 0) {
            typeEnd = close;
        }
        int paren = indexOf('(', first, close);
        if (paren >= 0 && paren < typeEnd) {
            throw conditional(paren);
        }
        String typeText = s.substring(first, typeEnd);
        AceType type = AceType.fromSddl(typeText);
        if (type == null) {
            if (typeText.isEmpty()) {
                throw new SddlException("SDDL: missing ACE type at offset " + first, first);
            }
            // SPEC.md 4: "other ACE types ... refused with a clear message naming the offending part".
            throw new SddlException("SDDL: unsupported ACE type '" + Sid.quote(typeText) + "' at offset " + first
                    + " (only A and D are supported)", first);
        }
        if (paren >= 0) {
            throw conditional(paren);
        }

        int[] starts = new int[6];
        int[] stops = new int[6];
        int fields = 0;
        int fieldStart = first;
        for (int k = first; k <= close; k++) {
            if (k == close || s.charAt(k) == ';') {
                if (fields == 6) {
                    // win32 "ACE Strings": the 7th field is a resource attribute; conditional ACEs
                    // have yet another format. SPEC.md 4 refuses both.
                    throw new SddlException("SDDL: conditional ACEs and resource attributes are not supported"
                            + " (7th ACE field at offset " + fieldStart + ")", fieldStart);
                }
                starts[fields] = fieldStart;
                stops[fields] = k;
                fields++;
                fieldStart = k + 1;
            }
        }
        if (fields < 6) {
            throw new SddlException("SDDL: the ACE at offset " + open + " has " + fields + " field"
                    + (fields == 1 ? "" : "s") + ", expected 6 (" + ACE_FIELDS + ")", open);
        }
        Set<AceFlag> flags = aceFlags(starts[1], stops[1]);
        AccessMask mask = rights(starts[2], stops[2]);
        noGuid("object_guid", starts[3], stops[3]);
        noGuid("inherit_object_guid", starts[4], stops[4]);
        if (starts[5] == stops[5]) {
            throw new SddlException("SDDL: missing trustee SID at offset " + starts[5], starts[5]);
        }
        Sid sid = sid("trustee", starts[5], stops[5]);
        return new Ace(type, flags, mask, sid);
    }

    /** The ')' closing the '(' at {@code open}, counting nested parentheses. */
    private int matchingParenthesis(int open) {
        int depth = 0;
        for (int i = open; i < end; i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new SddlException("SDDL: unterminated ACE: the '(' at offset " + open + " has no matching ')'", open);
    }

    private SddlException conditional(int paren) {
        return new SddlException("SDDL: conditional ACEs are not supported ('(' inside an ACE at offset " + paren + ")",
                paren);
    }

    private Set<AceFlag> aceFlags(int start, int stop) {
        EnumSet<AceFlag> flags = EnumSet.noneOf(AceFlag.class);
        for (int k = start; k < stop; k += 2) {
            String token = s.substring(k, Math.min(k + 2, stop));
            AceFlag flag = AceFlag.fromSddl(token);
            if (flag == null) {
                throw new SddlException("SDDL: unsupported ACE flag '" + token + "' at offset " + k
                        + " (expected CI OI NP IO ID SA FA TP CR)", k);
            }
            flags.add(flag);
        }
        return flags;
    }

    private AccessMask rights(int start, int stop) {
        // win32 "ACE Strings": rights are "a hexadecimal string ... such as 0x7800003F, or ... a
        // concatenation" of the rights strings. Empty rights give mask 0, as Windows accepts.
        // [emulator choice] only 0x hex numbers are read (no decimal or octal), and a number is
        // not mixed with tokens; the tokens are those SPEC.md 4 lists.
        if (stop - start >= 2 && s.charAt(start) == '0' && (s.charAt(start + 1) == 'x' || s.charAt(start + 1) == 'X')) {
            String digits = s.substring(start + 2, stop);
            if (digits.isEmpty() || digits.length() > 8 || !digits.chars().allMatch(SddlParser::isHexDigit)) {
                throw new SddlException("SDDL: bad hex rights '" + Sid.quote(s.substring(start, stop)) + "' at offset "
                        + start + " (expected 0x and 1 to 8 hex digits)", start);
            }
            return new AccessMask(Integer.parseUnsignedInt(digits, 16));
        }
        AccessMask mask = AccessMask.NONE;
        for (int k = start; k < stop; k += 2) {
            String token = s.substring(k, Math.min(k + 2, stop));
            RightToken right = RightToken.fromSddl(token);
            if (right == null) {
                throw new SddlException("SDDL: unsupported right '" + token + "' at offset " + k
                        + " (expected " + RIGHTS + ")", k);
            }
            mask = mask.or(right.mask);
        }
        return mask;
    }

    private void noGuid(String field, int start, int stop) {
        if (stop > start) {
            throw new SddlException("SDDL: object ACEs are not supported (" + field + " '"
                    + Sid.quote(s.substring(start, stop)) + "' at offset " + start + ")", start);
        }
    }

    private boolean startsWith(String token, int at) {
        return at + token.length() <= end && s.startsWith(token, at);
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private String excerpt(int at) {
        int stop = Math.min(end, at + 20);
        return s.substring(at, stop) + (stop < end ? "..." : "");
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
