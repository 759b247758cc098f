package org.wskemu.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityDescriptorTest {

    private static final Sid ALICE = Sid.parse("S-1-5-21-1-2-3-1001");

    @Test
    void ownerOnlyHasAnEmptyDacl() {
        SecurityDescriptor sd = SecurityDescriptor.ownerOnly(ALICE);
        assertEquals("O:S-1-5-21-1-2-3-1001D:", sd.toSddl());
        assertTrue(sd.isEmptyDacl());
        assertFalse(sd.isNullDacl());
        assertEquals(sd, SecurityDescriptor.parse("O:S-1-5-21-1-2-3-1001D:"));
    }

    @Test
    void allowingHasOneAllowAce() {
        SecurityDescriptor sd = SecurityDescriptor.allowing(Sid.LOCAL_SYSTEM, AccessMask.GENERIC_ALL, Sid.EVERYONE);
        assertEquals("O:SYD:(A;;GA;;;WD)", sd.toSddl());
        assertEquals(List.of(Ace.allow(AccessMask.GENERIC_ALL, Sid.EVERYONE)), ((Dacl.Present) sd.dacl()).acl().aces());
        assertFalse(sd.isEmptyDacl());
        assertFalse(sd.isNullDacl());
    }

    @Test
    void nullEmptyAndAbsentDaclsAreTold() {
        SecurityDescriptor nullDacl = SecurityDescriptor.parse("D:NO_ACCESS_CONTROL");
        assertTrue(nullDacl.daclPresent());
        assertTrue(nullDacl.isNullDacl());
        assertFalse(nullDacl.isEmptyDacl());

        SecurityDescriptor absent = SecurityDescriptor.parse("O:SY");
        assertFalse(absent.daclPresent());
        assertFalse(absent.isNullDacl());
        assertFalse(absent.isEmptyDacl());
        assertEquals(Dacl.ABSENT, absent.dacl());
        assertEquals(Set.of(), absent.daclFlags());

        assertEquals(new Dacl.Null(Set.of()), nullDacl.dacl());
        assertEquals(new Dacl.Present(Set.of(), Acl.EMPTY), SecurityDescriptor.parse("D:").dacl());
    }

    @Test
    void flagsAndAcesAreImmutableCopiesInEnumOrder() {
        Set<AceFlag> flags = new java.util.LinkedHashSet<>(List.of(AceFlag.IO, AceFlag.CI, AceFlag.OI));
        Ace ace = new Ace(AceType.ALLOW, flags, AccessMask.GENERIC_READ, Sid.EVERYONE);
        flags.add(AceFlag.ID);
        assertEquals(List.of(AceFlag.CI, AceFlag.OI, AceFlag.IO), new ArrayList<>(ace.flags()));
        assertThrows(UnsupportedOperationException.class, () -> ace.flags().add(AceFlag.NP));
        assertEquals(ace, new Ace(AceType.ALLOW, EnumSet.of(AceFlag.OI, AceFlag.IO, AceFlag.CI),
                AccessMask.GENERIC_READ, Sid.EVERYONE));
        assertEquals(Set.of(), new Ace(AceType.DENY, null, AccessMask.NONE, Sid.EVERYONE).flags());

        List<Ace> aces = new ArrayList<>(List.of(ace));
        Acl acl = new Acl(aces);
        aces.clear();
        assertEquals(1, acl.aces().size());
        assertThrows(UnsupportedOperationException.class, () -> acl.aces().clear());

        SecurityDescriptor sd = new SecurityDescriptor(null, null,
                new Dacl.Present(new java.util.HashSet<>(List.of(DaclFlag.AI, DaclFlag.P)), acl));
        assertEquals(List.of(DaclFlag.P, DaclFlag.AI), new ArrayList<>(sd.daclFlags()));
        assertEquals("D:PAI(A;CIOIIO;GR;;;WD)", sd.toSddl());
    }

    @Test
    void inconsistentDescriptorsAreRefused() {
        // an absent DACL with flags or ACEs cannot be written: Dacl.Absent has neither
        assertThrows(NullPointerException.class, () -> new Dacl.Present(Set.of(DaclFlag.P), null));
        assertThrows(NullPointerException.class, () -> new SecurityDescriptor(ALICE, null, null));
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
                () -> new SecurityDescriptor(null, null, Dacl.ABSENT));
        assertEquals("a security descriptor needs an owner, a group or a DACL", nothing.getMessage());
    }

    @Test
    void aceToSddlSpellsTheAce() {
        assertEquals("(D;;0x4;;;S-1-5-7)", Ace.deny(new AccessMask(4), Sid.ANONYMOUS).toSddl());
    }
}
