package org.wskemu.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/** The README's embedding test, word for word, so it keeps compiling and meaning what it says. */
@WskEmulatorTest
class PortSharingTest {

    @Test
    void aSecondListenerOnPort80IsRefused(WskDriver driver) {
        ProcessId system = new ProcessId(4);
        driver.declareProcess(system, Token.of(Sid.LOCAL_SYSTEM));
        SocketRequest listen = SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, system);
        SocketId first = driver.openSocket(listen);
        SocketId second = driver.openSocket(listen);
        assertEquals(NtStatus.SUCCESS, driver.bind(first, "0.0.0.0:80").status());

        Completion refused = driver.bind(second, "0.0.0.0:80");

        assertEquals(NtStatus.ADDRESS_ALREADY_EXISTS, refused.status());
        assertEquals(SharingCell.INUSE, driver.decision(refused).cell().orElseThrow().result());
    }
}
