package org.wskemu.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of SDDL and the access check over generated descriptors and tokens (jqwik):
 * <ul>
 *   <li>printing then parsing gives the descriptor back, for every owner, group, DACL flag, ACE type,
 *       ACE flag, rights token or hex mask, alias and {@code S-1-...} SID;</li>
 *   <li>a string built from SDDL's spellings (tokens, hex in either case, aliases, a lower-case
 *       {@code s-}) parses to a descriptor whose canonical print parses back to it;</li>
 *   <li>the access check is monotonic in allow ACEs: one added after the deny ACEs never turns a
 *       grant into a denial, and one for a SID of the token appended to a DACL that denied at the end
 *       of the list grants exactly when it supplies the missing rights.</li>
 * </ul>
 */
@Tag("property")
class SecurityPropertiesTest {

    /** The generic mapping of a transport address (AddressSharingRights in kernel-engine), typed again here. */
    static final GenericMapping MAPPING = new GenericMapping(new AccessMask(0x00020001), new AccessMask(0x0002),
            new AccessMask(0x00000020), new AccessMask(0x001F01FF));

    static final List<Sid> ALIASES = List.of(Sid.EVERYONE, Sid.AUTHENTICATED_USERS, Sid.LOCAL_SYSTEM,
            Sid.LOCAL_SERVICE, Sid.NETWORK_SERVICE, Sid.BUILTIN_ADMINISTRATORS, Sid.BUILTIN_USERS);
    static final List<String> RIGHT_TOKENS = List.of("GA", "GR", "GW", "GX", "RC", "SD", "WD", "WO", "FA", "FR", "FW", "FX");

    // ---- generators -----------------------------------------------------------------------------

    /** A domain SID S-1-5-21-a-b-c-rid, another authority, a hex authority of 2^32 or more, or an alias. */
    @Provide
    Arbitrary<Sid> sids() {
        Arbitrary<Long> sub = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
        Arbitrary<Sid> domain = Combinators.combine(sub, sub, sub, Arbitraries.longs().between(500, 5000))
                .as((a, b, c, rid) -> Sid.parse("S-1-5-21-" + a + "-" + b + "-" + c + "-" + rid));
        Arbitrary<Sid> other = Combinators.combine(Arbitraries.longs().between(0, (1L << 48) - 1),
                        sub.list().ofMinSize(1).ofMaxSize(15))
                .as((authority, subs) -> {
                    StringBuilder text = new StringBuilder("S-1-");
                    text.append(authority <= 0xFFFF_FFFFL ? Long.toString(authority) : String.format("0x%012X", authority));
                    subs.forEach(s -> text.append('-').append(s));
                    return Sid.parse(text.toString());
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(ALIASES)),
                net.jqwik.api.Tuple.of(3, domain),
                net.jqwik.api.Tuple.of(1, other));
    }

    @Provide
    Arbitrary<AccessMask> masks() {
        Arbitrary<AccessMask> tokens = Arbitraries.of(RIGHT_TOKENS).set().ofMaxSize(5)
                .map(set -> {
                    int bits = 0;
                    for (String token : set) {
                        bits |= RightToken.fromSddl(token).mask.bits();
                    }
                    return new AccessMask(bits);
                });
        Arbitrary<AccessMask> any = Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE).map(AccessMask::new);
        Arbitrary<AccessMask> small = Arbitraries.of(0, 1, 2, 3, 0x20, 0x20001).map(AccessMask::new);
        return Arbitraries.oneOf(tokens, any, small);
    }

    @Provide
    Arbitrary<Ace> aces() {
        return Combinators.combine(Arbitraries.of(AceType.class), Arbitraries.of(AceFlag.class).set().ofMaxSize(4),
                masks(), sids()).as(Ace::new);
    }

    @Provide
    Arbitrary<SecurityDescriptor> descriptors() {
        Arbitrary<Sid> optionalSid = sids().injectNull(0.4);
        Arbitrary<Acl> acls = aces().list().ofMaxSize(8).map(Acl::new).injectNull(0.15); // null: a NULL DACL
        return Combinators.combine(optionalSid, optionalSid, Arbitraries.of(true, true, true, false),
                        Arbitraries.of(DaclFlag.class).set(), acls)
                .filter((owner, group, present, flags, acl) -> present || owner != null || group != null)
                .as((owner, group, present, flags, acl) -> present
                        ? new SecurityDescriptor(owner, group, Dacl.of(flags, acl))
                        : new SecurityDescriptor(owner, group, Dacl.ABSENT));
    }

    @Provide
    Arbitrary<Token> tokens() {
        Arbitrary<Sid> users = Arbitraries.of(Sid.parse("S-1-5-21-7-7-7-1001"), Sid.parse("S-1-5-21-7-7-7-1002"),
                Sid.ANONYMOUS, Sid.LOCAL_SYSTEM);
        Arbitrary<List<Sid>> groups = Arbitraries.of(Sid.BUILTIN_USERS, Sid.BUILTIN_ADMINISTRATORS,
                Sid.AUTHENTICATED_USERS, Sid.parse("S-1-5-21-7-7-7-513")).set().map(ArrayList::new);
        return Combinators.combine(users, groups).as(Token::new);
    }

    /** ACEs over the SIDs tokens hold (so that they match now and then), including WD and AU. */
    @Provide
    Arbitrary<Ace> tokenAces() {
        Arbitrary<Sid> sids = Arbitraries.of(Sid.parse("S-1-5-21-7-7-7-1001"), Sid.parse("S-1-5-21-7-7-7-1002"),
                Sid.ANONYMOUS, Sid.LOCAL_SYSTEM, Sid.BUILTIN_USERS, Sid.BUILTIN_ADMINISTRATORS, Sid.AUTHENTICATED_USERS,
                Sid.EVERYONE);
        Arbitrary<AccessMask> masks = Arbitraries.of(AccessMask.GENERIC_ALL, AccessMask.GENERIC_WRITE,
                AccessMask.GENERIC_READ, AccessMask.FILE_ALL, AccessMask.FILE_WRITE, AccessMask.FILE_READ,
                new AccessMask(0x2), new AccessMask(0x1), new AccessMask(0x3), new AccessMask(0x20000), AccessMask.NONE);
        return Combinators.combine(Arbitraries.of(AceType.class), masks, sids)
                .as((type, mask, sid) -> new Ace(type, Set.of(), mask, sid));
    }

    @Provide
    Arbitrary<List<Ace>> tokenAceLists() {
        return tokenAces().list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<AccessMask> requests() {
        return Arbitraries.of(0x2, 0x1, 0x3, 0x20000, 0x20002, 0x40000000, 0x10000000, 0x80000000)
                .map(AccessMask::new);
    }

    // ---- SDDL ----------------------------------------------------------------------------------

    @Property(tries = 2_000)
    void printThenParseGivesTheDescriptorBack(@ForAll("descriptors") SecurityDescriptor descriptor) {
        String printed = Sddl.print(descriptor);

        assertEquals(descriptor, Sddl.parse(printed), printed);
        assertEquals(printed, Sddl.print(Sddl.parse(printed)));
    }

    @Property(tries = 1_000)
    void sddlSpellingsParseToADescriptorThatRoundTrips(@ForAll("spellings") String sddl) {
        SecurityDescriptor parsed = Sddl.parse(sddl);

        assertEquals(parsed, Sddl.parse(Sddl.print(parsed)), sddl);
    }

    /** SDDL as people write it: any component order, tokens or hex in either case, aliases, {@code s-1-}. */
    @Provide
    Arbitrary<String> spellings() {
        Arbitrary<String> sid = Arbitraries.oneOf(
                Arbitraries.of("WD", "AU", "SY", "LS", "NS", "BA", "BU"),
                Arbitraries.longs().between(500, 99_999).map(rid -> "S-1-5-21-1-2-3-" + rid),
                Arbitraries.longs().between(500, 99_999).map(rid -> "s-1-5-21-9-8-7-" + rid));
        Arbitrary<String> rights = Arbitraries.oneOf(
                Arbitraries.of(RIGHT_TOKENS).list().ofMaxSize(4).map(list -> String.join("", list)),
                Arbitraries.integers().between(0, Integer.MAX_VALUE).map(i -> "0x" + Integer.toHexString(i)),
                Arbitraries.integers().between(0, Integer.MAX_VALUE).map(i -> "0X" + Integer.toHexString(i).toUpperCase()));
        Arbitrary<String> flags = Arbitraries.of("CI", "OI", "NP", "IO", "ID", "SA", "FA", "TP", "CR").list().ofMaxSize(3)
                .map(list -> String.join("", list));
        Arbitrary<String> ace = Combinators.combine(Arbitraries.of("A", "D"), flags, rights, sid)
                .as((type, f, r, s) -> "(" + type + ";" + f + ";" + r + ";;;" + s + ")");
        Arbitrary<String> dacl = Combinators.combine(Arbitraries.of("", "P", "AI", "PAI", "ARAI", "PARAI"),
                        ace.list().ofMaxSize(5), Arbitraries.of(false, false, false, true))
                .as((f, list, nullDacl) -> "D:" + f + (nullDacl ? "NO_ACCESS_CONTROL" : String.join("", list)));
        Arbitrary<String> owner = sid.map(s -> "O:" + s);
        Arbitrary<String> group = sid.map(s -> "G:" + s);
        return Combinators.combine(owner.injectNull(0.3), group.injectNull(0.5), dacl.injectNull(0.2),
                        Arbitraries.of(0, 1, 2), Arbitraries.of("", " ", "\t\n"))
                .filter((o, g, d, order, space) -> o != null || g != null || d != null)
                .as((o, g, d, order, space) -> {
                    List<String> parts = new ArrayList<>();
                    for (String part : new String[] {o, g, d}) {
                        if (part != null) {
                            parts.add(part);
                        }
                    }
                    java.util.Collections.rotate(parts, order); // any component order is accepted
                    return space + String.join("", parts) + space;
                });
    }

    // ---- access check --------------------------------------------------------------------------

    @Property(tries = 3_000)
    void anAllowAceAddedAfterTheDenyAcesNeverTurnsAGrantIntoADenial(
            @ForAll("tokenAceLists") List<Ace> aces, @ForAll("tokenAces") Ace added, @ForAll("tokens") Token token,
            @ForAll("requests") AccessMask requested, @ForAll @IntRange(min = 0, max = 100) int where) {
        Ace allow = new Ace(AceType.ALLOW, added.flags(), added.mask(), added.sid());
        int lastDeny = -1;
        for (int i = 0; i < aces.size(); i++) {
            if (aces.get(i).type() == AceType.DENY) {
                lastDeny = i;
            }
        }
        int at = lastDeny + 1 + where % (aces.size() - lastDeny);
        List<Ace> more = new ArrayList<>(aces);
        more.add(at, allow);

        boolean before = check(aces, token, requested).granted();
        boolean after = check(more, token, requested).granted();
        Statistics.label("granted before").collect(before);
        Statistics.label("granted before").coverage(c -> c.check(true).percentage(p -> p > 10));

        assertTrue(!before || after, () -> "adding " + allow.toSddl() + " at " + at + " to " + aces + " denied " + token);
    }

    @Property(tries = 3_000)
    void anAllowAceForTheTokenAppendedToADaclThatDeniedAtTheEndGrantsExactlyWhenItSuppliesTheRest(
            @ForAll("tokenAceLists") List<Ace> aces, @ForAll("tokens") Token token, @ForAll("requests") AccessMask requested,
            @ForAll("masks") AccessMask mask, @ForAll @IntRange(min = 0, max = 10) int which) {
        AccessCheckResult before = check(aces, token, requested);
        net.jqwik.api.Assume.that(before.trace().decidedBy() == Decider.END_OF_LIST);
        List<Sid> sids = token.sids();
        Ace allow = Ace.allow(mask, sids.get(which % sids.size()));
        List<Ace> more = new ArrayList<>(aces);
        more.add(allow);

        AccessCheckResult after = check(more, token, requested);
        Statistics.label("granted after").collect(after.granted());
        Statistics.label("granted after").coverage(c -> {
            c.check(true).percentage(p -> p > 10);
            c.check(false).percentage(p -> p > 10);
        });

        AccessMask wanted = MAPPING.map(requested);
        boolean supplies = before.trace().grantedSoFar().or(MAPPING.map(mask).and(wanted)).containsAll(wanted);
        assertEquals(supplies, after.granted(), () -> allow.toSddl() + " after " + aces + " for " + token);
        if (!after.granted()) {
            assertEquals(Decider.END_OF_LIST, after.trace().decidedBy(), "still denied only at the end of the list");
        }
    }

    private static AccessCheckResult check(List<Ace> aces, Token token, AccessMask requested) {
        SecurityDescriptor descriptor = new SecurityDescriptor(null, null, new Dacl.Present(EnumSet.noneOf(DaclFlag.class), new Acl(aces)));
        return AccessCheck.check(descriptor, token, requested, MAPPING);
    }
}
