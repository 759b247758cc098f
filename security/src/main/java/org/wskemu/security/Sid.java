package org.wskemu.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A security identifier in its canonical string form, for example {@code S-1-5-18}.
 *
 * <p>The compact constructor accepts {@code S-1-<authority>-<sub-authority>...} only: revision 1,
 * an identifier authority of 0..2^48-1 written in decimal or as {@code 0x} followed by 12 hex
 * digits, then 1 to 15 sub-authorities of 0..4294967295 in decimal; no signs, spaces or leading
 * zeros. The value is normalised the way {@code ConvertSidToStringSid} prints it: an authority
 * below 2^32 in decimal, a larger one as {@code 0x} and 12 lower-case hex digits. Anything else
 * throws {@link SidException} naming the bad text; {@code null} throws
 * {@link NullPointerException}.
 */
public record Sid(String value) {

    /** Everyone, SDDL {@code WD}. */
    public static final Sid EVERYONE = new Sid("S-1-1-0");
    /** Authenticated Users, SDDL {@code AU}. */
    public static final Sid AUTHENTICATED_USERS = new Sid("S-1-5-11");
    /** Local System, SDDL {@code SY}. */
    public static final Sid LOCAL_SYSTEM = new Sid("S-1-5-18");
    /** Local Service, SDDL {@code LS}. */
    public static final Sid LOCAL_SERVICE = new Sid("S-1-5-19");
    /** Network Service, SDDL {@code NS}. */
    public static final Sid NETWORK_SERVICE = new Sid("S-1-5-20");
    /** BUILTIN\Administrators, SDDL {@code BA}. */
    public static final Sid BUILTIN_ADMINISTRATORS = new Sid("S-1-5-32-544");
    /** BUILTIN\Users, SDDL {@code BU}. */
    public static final Sid BUILTIN_USERS = new Sid("S-1-5-32-545");
    /** Anonymous Logon (S-1-5-7): the one user that {@code AU} does not match (SPEC.md 4). */
    public static final Sid ANONYMOUS = new Sid("S-1-5-7");

    // SPEC.md 4 lists exactly these seven SDDL aliases; every other alias of sid-strings.md is
    // refused [emulator choice]. Insertion order is the order the error message lists them in.
    private static final Map<String, Sid> BY_ALIAS = new LinkedHashMap<>();
    private static final Map<Sid, String> ALIAS_OF = new LinkedHashMap<>();

    static {
        alias("WD", EVERYONE);
        alias("AU", AUTHENTICATED_USERS);
        alias("SY", LOCAL_SYSTEM);
        alias("LS", LOCAL_SERVICE);
        alias("NS", NETWORK_SERVICE);
        alias("BA", BUILTIN_ADMINISTRATORS);
        alias("BU", BUILTIN_USERS);
    }

    private static final String ALIAS_LIST = String.join(" ", BY_ALIAS.keySet());

    private static final int MAX_SUB_AUTHORITIES = 15;
    private static final long MAX_AUTHORITY = (1L << 48) - 1;
    private static final long MAX_SUB_AUTHORITY = 0xFFFF_FFFFL;
    /** "S-1-" + "0x" and 12 hex digits + 15 times "-4294967295". */
    private static final int MAX_LENGTH = 4 + 14 + MAX_SUB_AUTHORITIES * 11;

    /**
     * Checks and canonicalises the value.
     *
     * @param value a SID string {@code S-1-...}
     * @throws SidException if it is no SID
     */
    public Sid {
        Objects.requireNonNull(value, "value");
        value = canonical(value);
    }

    /**
     * Reads a SID string as SDDL writes it: {@code S-1-...} (the {@code S} in either case) or one of
     * the aliases {@code WD AU SY LS NS BA BU} (exactly two upper-case letters).
     *
     * @param text the SID string or alias
     * @return the SID
     * @throws SidException naming the text if it is neither
     * @throws NullPointerException if {@code text} is null
     */
    public static Sid parse(String text) {
        Objects.requireNonNull(text, "text");
        Sid aliased = BY_ALIAS.get(text);
        if (aliased != null) {
            return aliased;
        }
        if (text.length() >= 2 && (text.charAt(0) == 'S' || text.charAt(0) == 's') && text.charAt(1) == '-') {
            return new Sid("S" + text.substring(1));
        }
        String reason = "expected S-1-... or one of " + ALIAS_LIST;
        throw new SidException("unknown", text, reason);
    }

    /** {@return the SDDL alias of this SID ({@code "SY"} for S-1-5-18), if it is one of the seven} */
    public Optional<String> alias() {
        return Optional.ofNullable(ALIAS_OF.get(this));
    }

    /** {@return the alias if there is one, else the canonical value} */
    public String toSddl() {
        return alias().orElse(value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static void alias(String alias, Sid sid) {
        BY_ALIAS.put(alias, sid);
        ALIAS_OF.put(sid, alias);
    }

    private static String canonical(String text) {
        if (text.length() > MAX_LENGTH) {
            throw bad(text, "longer than " + MAX_LENGTH + " characters");
        }
        if (!text.startsWith("S-")) {
            throw bad(text, "expected S-1-<authority>-<sub-authority>...");
        }
        String[] parts = text.split("-", -1);
        if (parts.length < 3) {
            throw bad(text, "expected S-1-<authority>-<sub-authority>...");
        }
        if (!parts[1].equals("1")) {
            throw bad(text, "revision '" + parts[1] + "' is not 1");
        }
        long authority = authority(text, parts[2]);
        int subCount = parts.length - 3;
        if (subCount < 1 || subCount > MAX_SUB_AUTHORITIES) {
            throw bad(text, "has " + subCount + " sub-authorities, expected 1 to " + MAX_SUB_AUTHORITIES);
        }
        StringBuilder out = new StringBuilder(text.length()).append("S-1-");
        // RtlConvertSidToUnicodeString prints an authority of 2^32 or more as 0x and 12 hex digits.
        out.append(authority <= 0xFFFF_FFFFL ? Long.toString(authority) : String.format("0x%012x", authority));
        for (int i = 3; i < parts.length; i++) {
            long sub = decimal(text, parts[i], "sub-authority", MAX_SUB_AUTHORITY);
            out.append('-').append(sub);
        }
        return out.toString();
    }

    private static long authority(String text, String part) {
        if (part.startsWith("0x") || part.startsWith("0X")) {
            String digits = part.substring(2);
            if (digits.length() != 12 || !digits.chars().allMatch(Sid::isHexDigit)) {
                throw bad(text, "hex authority '" + part + "' must be 0x followed by 12 hex digits");
            }
            return Long.parseLong(digits, 16);
        }
        return decimal(text, part, "authority", MAX_AUTHORITY);
    }

    private static long decimal(String text, String part, String what, long max) {
        if (part.isEmpty()) {
            throw bad(text, "empty " + what);
        }
        if (!part.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(text, what + " '" + part + "' is not a decimal number");
        }
        // [emulator choice] leading zeros are refused rather than normalised away, so that a SID
        // string has one spelling (apart from the hex authority form SDDL allows).
        if (part.length() > 1 && part.charAt(0) == '0') {
            throw bad(text, what + " '" + part + "' has a leading zero");
        }
        // 16 digits exceed every maximum; checking the length first keeps parseLong from overflowing.
        if (part.length() > 15 || Long.parseLong(part) > max) {
            throw bad(text, what + " '" + part + "' is greater than " + max);
        }
        return Long.parseLong(part);
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static SidException bad(String text, String reason) {
        return new SidException("invalid", text, reason);
    }

    /** Hostile input must not end up whole in a message. */
    static String quote(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
