package org.wskemu.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenTest {

    private static final Sid ALICE = Sid.parse("S-1-5-21-1-2-3-1001");
    private static final Sid OPERATORS = Sid.parse("S-1-5-21-1-2-3-2001");

    @ParameterizedTest(name = "user {0} groups [{1}] matches {2}: {3}")
    @CsvSource({
        "S-1-5-21-1-2-3-1001, '',                  S-1-5-21-1-2-3-1001, true",
        "S-1-5-21-1-2-3-1001, S-1-5-21-1-2-3-2001, S-1-5-21-1-2-3-2001, true",
        "S-1-5-21-1-2-3-1001, BA BU,               BU,                  true",
        "S-1-5-21-1-2-3-1001, BA,                  BU,                  false",
        "S-1-5-21-1-2-3-1001, '',                  SY,                  false",
        "S-1-5-21-1-2-3-1001, '',                  WD,                  true",
        "S-1-5-7,             '',                  WD,                  true",
        "SY,                  '',                  WD,                  true",
        "S-1-5-21-1-2-3-1001, '',                  AU,                  true",
        "SY,                  '',                  AU,                  true",
        "S-1-5-7,             '',                  AU,                  false",
        "S-1-5-7,             BU,                  AU,                  false",
        "S-1-5-7,             AU,                  AU,                  true",
        "S-1-5-7,             '',                  S-1-5-7,             true",
    })
    void matchesFollowsSpecSection4(String user, String groups, String sid, boolean expected) {
        List<Sid> groupSids = new ArrayList<>();
        for (String g : groups.split(" ")) {
            if (!g.isEmpty()) {
                groupSids.add(Sid.parse(g));
            }
        }
        Token token = new Token(Sid.parse(user), groupSids);
        assertEquals(expected, token.matches(Sid.parse(sid)));
    }

    @Test
    void sidsListTheUserFirstThenTheGroupsInOrder() {
        Token token = Token.of(ALICE, Sid.BUILTIN_USERS, OPERATORS, Sid.BUILTIN_ADMINISTRATORS);
        assertEquals(List.of(ALICE, Sid.BUILTIN_USERS, OPERATORS, Sid.BUILTIN_ADMINISTRATORS), token.sids());
        assertThrows(UnsupportedOperationException.class, () -> token.sids().add(ALICE));
    }

    @Test
    void groupsAreAnImmutableCopyAndNullMeansNone() {
        List<Sid> groups = new ArrayList<>(List.of(OPERATORS));
        Token token = new Token(ALICE, groups);
        groups.add(Sid.BUILTIN_ADMINISTRATORS);
        assertEquals(List.of(OPERATORS), token.groups());
        assertThrows(UnsupportedOperationException.class, () -> token.groups().add(ALICE));
        assertEquals(List.of(), new Token(ALICE, null).groups());
        assertFalse(new Token(ALICE, null).matches(OPERATORS));
        assertTrue(new Token(ALICE, null).matches(ALICE));
    }

    @Test
    void theUserIsRequired() {
        assertThrows(NullPointerException.class, () -> Token.of(null));
    }
}
