package org.wskemu.engine.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wskemu.api.SessionRun;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.AddressKind;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * The 36 cells of each profile, typed here from SPEC.md 6 and 7 (not read from the file the code
 * reads), each put to the arbiter with a first socket and a second one on 10.0.0.1 / 0.0.0.0 port 80.
 */
class SharingTableTest {

    private static final String EXPECTED = """
            wsk          | NONE  W | NONE  W | INUSE
            wsk          | NONE  W | NONE  S | CHECK
            wsk          | NONE  W | REUSE W | DENIED
            wsk          | NONE  W | REUSE S | CHECK
            wsk          | NONE  W | EXCL  W | INUSE
            wsk          | NONE  W | EXCL  S | CHECK
            wsk          | NONE  S | NONE  W | SUCCESS
            wsk          | NONE  S | NONE  S | INUSE
            wsk          | NONE  S | REUSE W | SUCCESS
            wsk          | NONE  S | REUSE S | DENIED
            wsk          | NONE  S | EXCL  W | INUSE
            wsk          | NONE  S | EXCL  S | INUSE
            wsk          | REUSE W | NONE  W | INUSE
            wsk          | REUSE W | NONE  S | CHECK
            wsk          | REUSE W | REUSE W | SUCCESS
            wsk          | REUSE W | REUSE S | SUCCESS
            wsk          | REUSE W | EXCL  W | INUSE
            wsk          | REUSE W | EXCL  S | CHECK
            wsk          | REUSE S | NONE  W | SUCCESS
            wsk          | REUSE S | NONE  S | DENIED
            wsk          | REUSE S | REUSE W | SUCCESS
            wsk          | REUSE S | REUSE S | SUCCESS
            wsk          | REUSE S | EXCL  W | INUSE
            wsk          | REUSE S | EXCL  S | INUSE
            wsk          | EXCL  W | NONE  W | INUSE
            wsk          | EXCL  W | NONE  S | DENIED
            wsk          | EXCL  W | REUSE W | DENIED
            wsk          | EXCL  W | REUSE S | DENIED
            wsk          | EXCL  W | EXCL  W | INUSE
            wsk          | EXCL  W | EXCL  S | DENIED
            wsk          | EXCL  S | NONE  W | SUCCESS
            wsk          | EXCL  S | NONE  S | INUSE
            wsk          | EXCL  S | REUSE W | SUCCESS
            wsk          | EXCL  S | REUSE S | DENIED
            wsk          | EXCL  S | EXCL  W | INUSE
            wsk          | EXCL  S | EXCL  S | INUSE
            win32        | NONE  W | NONE  W | INUSE
            win32        | NONE  W | NONE  S | CHECK
            win32        | NONE  W | REUSE W | DENIED
            win32        | NONE  W | REUSE S | CHECK
            win32        | NONE  W | EXCL  W | INUSE
            win32        | NONE  W | EXCL  S | CHECK
            win32        | NONE  S | NONE  W | SUCCESS
            win32        | NONE  S | NONE  S | INUSE
            win32        | NONE  S | REUSE W | SUCCESS
            win32        | NONE  S | REUSE S | DENIED
            win32        | NONE  S | EXCL  W | INUSE
            win32        | NONE  S | EXCL  S | INUSE
            win32        | REUSE W | NONE  W | INUSE
            win32        | REUSE W | NONE  S | CHECK
            win32        | REUSE W | REUSE W | SUCCESS
            win32        | REUSE W | REUSE S | SUCCESS
            win32        | REUSE W | EXCL  W | INUSE
            win32        | REUSE W | EXCL  S | CHECK
            win32        | REUSE S | NONE  W | SUCCESS
            win32        | REUSE S | NONE  S | INUSE
            win32        | REUSE S | REUSE W | SUCCESS
            win32        | REUSE S | REUSE S | SUCCESS
            win32        | REUSE S | EXCL  W | INUSE
            win32        | REUSE S | EXCL  S | INUSE
            win32        | EXCL  W | NONE  W | INUSE
            win32        | EXCL  W | NONE  S | DENIED
            win32        | EXCL  W | REUSE W | DENIED
            win32        | EXCL  W | REUSE S | DENIED
            win32        | EXCL  W | EXCL  W | INUSE
            win32        | EXCL  W | EXCL  S | DENIED
            win32        | EXCL  S | NONE  W | SUCCESS
            win32        | EXCL  S | NONE  S | INUSE
            win32        | EXCL  S | REUSE W | SUCCESS
            win32        | EXCL  S | REUSE S | DENIED
            win32        | EXCL  S | EXCL  W | INUSE
            win32        | EXCL  S | EXCL  S | INUSE
            win32-legacy | NONE  W | NONE  W | INUSE
            win32-legacy | NONE  W | NONE  S | INUSE
            win32-legacy | NONE  W | REUSE W | SUCCESS
            win32-legacy | NONE  W | REUSE S | SUCCESS
            win32-legacy | NONE  W | EXCL  W | INUSE
            win32-legacy | NONE  W | EXCL  S | INUSE
            win32-legacy | NONE  S | NONE  W | INUSE
            win32-legacy | NONE  S | NONE  S | INUSE
            win32-legacy | NONE  S | REUSE W | SUCCESS
            win32-legacy | NONE  S | REUSE S | SUCCESS
            win32-legacy | NONE  S | EXCL  W | INUSE
            win32-legacy | NONE  S | EXCL  S | INUSE
            win32-legacy | REUSE W | NONE  W | INUSE
            win32-legacy | REUSE W | NONE  S | INUSE
            win32-legacy | REUSE W | REUSE W | SUCCESS
            win32-legacy | REUSE W | REUSE S | SUCCESS
            win32-legacy | REUSE W | EXCL  W | INUSE
            win32-legacy | REUSE W | EXCL  S | INUSE
            win32-legacy | REUSE S | NONE  W | INUSE
            win32-legacy | REUSE S | NONE  S | INUSE
            win32-legacy | REUSE S | REUSE W | SUCCESS
            win32-legacy | REUSE S | REUSE S | SUCCESS
            win32-legacy | REUSE S | EXCL  W | INUSE
            win32-legacy | REUSE S | EXCL  S | INUSE
            win32-legacy | EXCL  W | NONE  W | INUSE
            win32-legacy | EXCL  W | NONE  S | INUSE
            win32-legacy | EXCL  W | REUSE W | DENIED
            win32-legacy | EXCL  W | REUSE S | DENIED
            win32-legacy | EXCL  W | EXCL  W | INUSE
            win32-legacy | EXCL  W | EXCL  S | INUSE
            win32-legacy | EXCL  S | NONE  W | INUSE
            win32-legacy | EXCL  S | NONE  S | INUSE
            win32-legacy | EXCL  S | REUSE W | DENIED
            win32-legacy | EXCL  S | REUSE S | DENIED
            win32-legacy | EXCL  S | EXCL  W | INUSE
            win32-legacy | EXCL  S | EXCL  S | INUSE
            """;

    private static final Sid FIRST_USER = Sid.parse("S-1-5-21-7-7-7-1001");
    private static final Token SECOND = Token.of(Sid.parse("S-1-5-21-7-7-7-1002"), Sid.parse("BU"));
    private static final SecurityDescriptor GRANTS_SECOND = SecurityDescriptor.parse("O:S-1-5-21-7-7-7-1001D:(A;;GA;;;BU)");
    private static final SecurityDescriptor REFUSES_SECOND = SecurityDescriptor.ownerOnly(FIRST_USER);

    static Stream<Arguments> cells() {
        return EXPECTED.lines().filter(l -> !l.isBlank()).map(line -> {
            String[] f = line.split("\\|");
            String[] first = f[1].trim().split("\\s+");
            String[] second = f[2].trim().split("\\s+");
            return Arguments.of(f[0].trim(), first[0] + " " + first[1], second[0] + " " + second[1],
                    SharingCell.valueOf(f[3].trim()));
        });
    }

    @ParameterizedTest(name = "{0}: first {1} then second {2} -> {3}")
    @MethodSource("cells")
    void secondBindOnAnAddressTheFirstHolds(String profileName, String first, String second, SharingCell expected) {
        SharingProfile profile = SharingProfile.of(ProfileId.parse(profileName));
        assertEquals(expected, profile.cell(option(first), kind(first), option(second), kind(second)), "table cell");

        BindDecision granted = decide(profile, first, second, GRANTS_SECOND);
        BindDecision refused = decide(profile, first, second, REFUSES_SECOND);
        assertEquals(expected, granted.consultations().get(0).cell(), "cell the arbiter consulted");
        switch (expected) {
            case SUCCESS -> {
                assertEquals(NtStatus.SUCCESS, granted.status());
                assertEquals(NtStatus.SUCCESS, refused.status());
            }
            case INUSE -> {
                // SPEC.md 7: the profile's in-use status (win32 and win32-legacy: SHARING_VIOLATION since issue #12)
                assertEquals(profile.id().inUseStatus(), granted.status());
                assertEquals(profile.id().inUseStatus(), refused.status());
            }
            case DENIED -> {
                assertEquals(NtStatus.ACCESS_DENIED, granted.status());
                assertEquals(NtStatus.ACCESS_DENIED, refused.status());
            }
            case CHECK -> {
                assertEquals(NtStatus.SUCCESS, granted.status(), "access granted");
                assertEquals(NtStatus.ACCESS_DENIED, refused.status(), "access refused");
                assertEquals(true, granted.consultations().get(0).trace().granted());
                assertEquals(false, refused.consultations().get(0).trace().granted());
            }
        }
    }

    private static BindDecision decide(SharingProfile profile, String first, String second,
                                       SecurityDescriptor firstDescriptor) {
        Binding existing = new Binding(new SocketId(1), "a", SessionRun.of(1), new ProcessId(4), TransportProtocol.TCP,
                address(kind(first)), option(first), firstDescriptor);
        TransportAddress requested = address(kind(second));
        return BindArbiter.decide(profile, PortBindings.of(List.of(existing)),
                new BindRequest(new SocketId(2), requested, requested, option(second), SECOND));
    }

    private static TransportAddress address(AddressKind kind) {
        return kind == AddressKind.WILDCARD ? TransportAddress.parse("0.0.0.0:80") : TransportAddress.parse("10.0.0.1:80");
    }

    private static SharingOption option(String axis) {
        return SharingOption.parse(axis.split(" ")[0]);
    }

    private static AddressKind kind(String axis) {
        return axis.endsWith("W") ? AddressKind.WILDCARD : AddressKind.SPECIFIC;
    }
}
