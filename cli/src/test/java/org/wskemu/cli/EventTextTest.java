package org.wskemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SessionRun;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/** How a reader streaming the log names sockets (issue #22: no query per socket it prints). */
class EventTextTest {

    static final SocketId A = new SocketId(0xA1);
    static final SocketId B = new SocketId(0xB2);

    @Test
    void aSocketCreatedInTheStreamIsNamedWithoutAQueryAndOneCreatedBeforeIsReadOnce() {
        List<SocketId> queried = new ArrayList<>();
        EventText text = EventText.lookingUp(id -> {
            queried.add(id);
            return Optional.of(new SocketRow(id, "before", SessionRun.of(1), SocketCategory.LISTEN, AddressFamily.INET,
                    new ProcessId(4), 1, 0));
        });
        SocketCreated created = new SocketCreated(A, "web", SessionRun.of(2), SocketCategory.LISTEN, AddressFamily.INET,
                new ProcessId(700), null, null, Token.of(Sid.LOCAL_SYSTEM), null);
        text.streamed(created, 10);
        assertEquals("socket web closed", text.describe(new SocketClosed(A, null)));
        assertEquals(700L, text.row(A).process().value());
        assertEquals("socket before closed", text.describe(new SocketClosed(B, null)));
        assertEquals("socket before closed", text.describe(new SocketClosed(B, null)));
        assertEquals(List.of(B), queried, "only the socket created before the stream, once");
    }
}
