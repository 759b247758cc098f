package org.wskemu.engine.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.security.AccessCheck;
import org.wskemu.security.AccessCheckResult;
import org.wskemu.security.AccessMask;
import org.wskemu.security.Decider;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

class SharingProfileTest {

    private static final String OWNER_TEXT = "S-1-5-21-10-20-30-1001";
    private static final Sid OWNER = Sid.parse(OWNER_TEXT);
    private static final Token SAME_USER = Token.of(OWNER, Sid.BUILTIN_USERS);
    private static final Token OTHER_USER = Token.of(Sid.parse("S-1-5-21-10-20-30-1002"), Sid.BUILTIN_USERS);

    private static AccessCheckResult share(SecurityDescriptor descriptor, Token token) {
        return AccessCheck.check(descriptor, token, AddressSharingRights.SHARE_ADDRESS, AddressSharingRights.MAPPING);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProfileId.class)
    void eachProfileIsLoadedUnderItsId(ProfileId id) {
        SharingProfile profile = SharingProfile.of(id);

        assertEquals(id, profile.id());
        assertEquals(id.label(), profile.toString());
        assertSame(profile, SharingProfile.of(id), "profiles are loaded once");
    }

    @Test
    void profileIdIsRequired() {
        assertThrows(NullPointerException.class, () -> SharingProfile.of(null));
    }

    @Nested
    class DefaultDescriptor {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = ProfileId.class, names = {"WSK", "WIN32_LEGACY"})
        void wskAndLegacyGiveOwnerOnlyWithAnEmptyDacl(ProfileId id) {
            SecurityDescriptor descriptor = SharingProfile.of(id).defaultDescriptor(OWNER);

            assertEquals("O:" + OWNER_TEXT + "D:", descriptor.toSddl());
            assertTrue(descriptor.isEmptyDacl());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = ProfileId.class, names = {"WSK", "WIN32_LEGACY"})
        void wskAndLegacyDefaultRefusesEveryUserSharing(ProfileId id) {
            SecurityDescriptor descriptor = SharingProfile.of(id).defaultDescriptor(OWNER);

            AccessCheckResult other = share(descriptor, OTHER_USER);
            assertFalse(other.granted(), "another user may not share");
            assertEquals(Decider.EMPTY_DACL, other.trace().decidedBy());
            // WDK: the default descriptor "does not permit sharing" - not even for its owner.
            assertFalse(share(descriptor, SAME_USER).granted(), "the owner may not share either");
        }

        @Test
        void win32AllowsTheOwningUserWithGenericAll() {
            SecurityDescriptor descriptor = SharingProfile.of(ProfileId.WIN32).defaultDescriptor(OWNER);

            assertEquals("O:" + OWNER_TEXT + "D:(A;;GA;;;" + OWNER_TEXT + ")", descriptor.toSddl());
            assertEquals(SecurityDescriptor.parse("O:" + OWNER_TEXT + "D:(A;;GA;;;" + OWNER_TEXT + ")"), descriptor);
        }

        @Test
        void win32DefaultGrantsTheSameUserAndRefusesAnother() {
            SecurityDescriptor descriptor = SharingProfile.of(ProfileId.WIN32).defaultDescriptor(OWNER);

            AccessCheckResult same = share(descriptor, SAME_USER);
            AccessCheckResult other = share(descriptor, OTHER_USER);

            assertTrue(same.granted(), "the same user may share");
            assertEquals(Decider.ALLOW_ACES, same.trace().decidedBy());
            assertFalse(other.granted(), "another user may not");
            assertEquals(Decider.END_OF_LIST, other.trace().decidedBy());
        }
    }

    @Nested
    class SharingRight {

        @Test
        void shareAddressIs0x0002() {
            assertEquals(new AccessMask(0x0002), AddressSharingRights.SHARE_ADDRESS);
        }

        @ParameterizedTest(name = "GENERIC {0} includes SHARE_ADDRESS: {1}")
        @CsvSource({"READ, false", "WRITE, true", "EXECUTE, false", "ALL, true"})
        void genericMappingOfTheSharingRight(String generic, boolean includes) {
            AccessMask mask = switch (generic) {
                case "READ" -> AccessMask.GENERIC_READ;
                case "WRITE" -> AccessMask.GENERIC_WRITE;
                case "EXECUTE" -> AccessMask.GENERIC_EXECUTE;
                default -> AccessMask.GENERIC_ALL;
            };

            assertEquals(includes, AddressSharingRights.MAPPING.map(mask).containsAll(AddressSharingRights.SHARE_ADDRESS));
        }

        @ParameterizedTest(name = "D:(A;;{0};;;WD) grants sharing: {1}")
        @CsvSource({
            "GA,  true",
            "GW,  true",
            "GR,  false",
            "GX,  false",
            "FA,  true",
            "FW,  true",
            "FR,  false",
            "FX,  false",
            "RC,  false",
            "WD,  false",
            "GRGW, true",
            "0x2, true",
            "0x1, false",
        })
        void aceRightsThatGrantSharing(String rights, boolean grants) {
            SecurityDescriptor descriptor = SecurityDescriptor.parse("D:(A;;" + rights + ";;;WD)");

            assertEquals(grants, share(descriptor, OTHER_USER).granted());
        }
    }
}
