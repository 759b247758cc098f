package com.example.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wskemu.test.WskAssertions.assertDecidedBy;
import static org.wskemu.test.WskAssertions.assertStatus;

import org.junit.jupiter.api.Test;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.AddressKind;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.engine.readmodel.DecidingCell;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;
import org.wskemu.test.WskDriver;
import org.wskemu.test.WskEmulatorTest;

/** Two listeners on one port: the second is refused, and the decision says which table cell did it. */
@WskEmulatorTest
class ConflictTest {

    static final ProcessId SYSTEM = new ProcessId(4);

    @Test
    void anExclusiveWildcardListenerRefusesASecondWildcardBind(WskDriver driver) {
        driver.declareProcess(SYSTEM, Token.of(Sid.LOCAL_SYSTEM));
        SocketId first = driver.openSocket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, SYSTEM));
        assertStatus(NtStatus.SUCCESS, driver.set(first, OptionCode.SO_EXCLUSIVEADDRUSE, 1));
        assertEquals(443, driver.bind(first, "0.0.0.0:443").boundAddress().port());

        SocketId second = driver.openSocket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, SYSTEM));
        Completion refused = driver.bind(second, "0.0.0.0:443");

        // WDK "Sharing Transport Addresses": first EXCL W then second NONE W -> INUSE
        assertStatus(NtStatus.ADDRESS_ALREADY_EXISTS, refused);
        assertDecidedBy(new DecidingCell(SharingOption.SO_EXCLUSIVEADDRUSE, AddressKind.WILDCARD,
                SharingOption.NONE, AddressKind.WILDCARD, SharingCell.INUSE), driver.decision(refused));
    }
}
