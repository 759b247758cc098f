package com.example.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.irp.Completion;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;
import org.wskemu.test.WskDriver;
import org.wskemu.test.WskEmulatorTest;

/** Every call has a position in the log; the timeline answers who held which address just after any of them. */
@WskEmulatorTest
class TimeTravelTest {

    static final ProcessId SYSTEM = new ProcessId(4);

    @Test
    void aClosedListenerIsStillSeenAsOfItsBind(WskEmulator kernel, WskDriver driver) {
        driver.declareProcess(SYSTEM, Token.of(Sid.LOCAL_SYSTEM));
        SocketId socket = driver.openSocket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, SYSTEM));
        Completion bound = driver.bind(socket, "0.0.0.0:8080");
        Completion closed = driver.close(socket);
        assertTrue(closed.position() > bound.position());

        List<OwnershipRow> then = kernel.timeline().at(bound.position()).ownership();
        assertEquals(List.of(TransportAddress.parse("0.0.0.0:8080")), then.stream().map(OwnershipRow::address).toList());
        assertEquals(List.of(), kernel.timeline().at(closed.position()).ownership(), "nothing is held after the close");
        assertEquals(List.of(), kernel.readModels().ownership(), "nor now");
    }
}
