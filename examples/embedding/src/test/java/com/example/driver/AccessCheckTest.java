package com.example.driver;

import static org.wskemu.test.WskAssertions.assertDecidedBy;
import static org.wskemu.test.WskAssertions.assertStatus;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;
import org.wskemu.test.WskDriver;
import org.wskemu.test.WskEmulatorTest;

/**
 * A wildcard listener whose descriptor lets BUILTIN\Users share: a specific bind beside it is
 * decided by an access check of the new socket's token (first NONE W then second NONE S -> CHECK).
 */
@WskEmulatorTest
class AccessCheckTest {

    static final ProcessId SYSTEM = new ProcessId(4);
    static final ProcessId USER_SERVICE = new ProcessId(1200);
    static final ProcessId GUEST_SERVICE = new ProcessId(1300);

    WskDriver driver;

    @BeforeEach
    void listenOnPort80(WskDriver driver) {
        this.driver = driver;
        driver.declareProcess(SYSTEM, Token.of(Sid.LOCAL_SYSTEM));
        driver.declareProcess(USER_SERVICE, Token.of(Sid.parse("S-1-5-21-1-2-3-1001"), Sid.BUILTIN_USERS));
        driver.declareProcess(GUEST_SERVICE, Token.of(Sid.parse("S-1-5-21-1-2-3-1002"), Sid.parse("S-1-5-32-546")));
        SocketId listener = driver.openSocket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, SYSTEM)
                .withDescriptor(SecurityDescriptor.parse("O:SYD:(A;;GA;;;SY)(A;;GW;;;BU)")));
        assertStatus(NtStatus.SUCCESS, driver.bind(listener, "0.0.0.0:80"));
    }

    @Test
    void aUserInBuiltinUsersMayShare() {
        SocketId socket = driver.openSocket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, USER_SERVICE));
        assertStatus(NtStatus.SUCCESS, driver.bind(socket, "10.0.0.5:80"));
    }

    @Test
    void aGuestIsRefusedByTheAccessCheck() {
        SocketId socket = driver.openSocket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, GUEST_SERVICE));
        assertDecidedBy(SharingCell.CHECK,
                driver.decision(assertStatus(NtStatus.ACCESS_DENIED, driver.bind(socket, "10.0.0.6:80"))));
    }
}
