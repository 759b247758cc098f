package org.wskemu.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wskemu.api.SessionRun;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.OptionCode;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.event.DescriptorSet;
import org.wskemu.api.event.SharingOptionSet;
import org.wskemu.api.event.SocketClosed;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.api.event.WskEvent;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.readmodel.InMemoryReadModels;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.SocketRow;
import org.wskemu.engine.readmodel.WarningRow;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * A log changed after it was written (a bit flipped in a socket's id, found by DamagedStoreTest)
 * can hold events of a socket it never created. Verify reports each as a mismatch at its position,
 * exit 1 in the CLI, where it failed with a NullPointerException.
 */
class VerifierDamagedLogTest {

    private static final SocketId KNOWN = new SocketId(1);
    private static final SocketId NEVER_CREATED = new SocketId(1L << 40 | 1);

    @Test
    void eventsOfASocketTheLogNeverCreatedAreMismatchesNotFailures() {
        EventLog log = log(created(KNOWN),
                new SharingOptionSet(NEVER_CREATED, OptionCode.SO_REUSEADDR, 1, false),
                new DescriptorSet(NEVER_CREATED, SecurityDescriptor.parse("D:"), false),
                new SocketClosed(NEVER_CREATED, null),
                new SocketClosed(KNOWN, null));

        VerifyReport report = Verifier.verify(log);

        assertEquals(5, report.events());
        assertEquals(List.of(2L, 3L, 4L), report.mismatches().stream().map(VerifyReport.Mismatch::position).toList());
        assertEquals("position 2: SharingOptionSet of socket " + NEVER_CREATED + " recorded an event but the state "
                + "before it gives no socket by that id (the log never created it)", report.mismatches().get(0).toString());
    }

    @Test
    void aSocketCreatedTwiceIsAMismatch() {
        VerifyReport report = Verifier.verify(log(created(KNOWN), created(KNOWN)));

        assertEquals(List.of("position 2: SocketCreated of socket " + KNOWN + " recorded a new socket but the state "
                + "before it gives a socket created before"), report.mismatches().stream().map(Object::toString).toList());
    }

    @Test
    void readModelsThatAreNotTheFoldOfTheLogAreReported() {
        EventLog log = log(created(KNOWN), created(new SocketId(2)));
        InMemoryReadModels fold = new InMemoryReadModels();
        try (Stream<LoggedEvent> events = log.readAfter(0)) {
            events.forEach(fold::fold);
        }
        assertEquals(List.of(), Verifier.verify(log, fold).readModelDifferences());

        ReadModelView lostASocket = new ReadModelView() {
            @Override
            public long position() {
                return fold.position();
            }

            @Override
            public List<OwnershipRow> ownership() {
                return fold.ownership();
            }

            @Override
            public List<DecisionRow> decisions() {
                return fold.decisions();
            }

            @Override
            public List<WarningRow> warnings() {
                return fold.warnings();
            }

            @Override
            public List<SocketRow> sockets() {
                return fold.sockets().subList(0, 1);
            }
        };

        VerifyReport report = Verifier.verify(log, lostASocket);

        assertEquals(false, report.ok());
        assertEquals(List.of("sockets: 1 rows where the log gives 2; first at row 2: none where the log gives "
                + fold.sockets().get(1)), report.readModelDifferences());
    }

    private static SocketCreated created(SocketId socket) {
        return new SocketCreated(socket, "s", SessionRun.of(1), SocketCategory.parse("listen"), AddressFamily.parse("inet"),
                new ProcessId(4), new ProcessId(4), null, Token.of(Sid.LOCAL_SYSTEM), null);
    }

    private static EventLog log(WskEvent... events) {
        List<LoggedEvent> logged = new ArrayList<>();
        for (WskEvent event : events) {
            logged.add(new LoggedEvent(logged.size() + 1, "e" + logged.size(), Instant.EPOCH, event));
        }
        return new EventLog() {
            @Override
            public Stream<LoggedEvent> readAfter(long position) {
                return logged.stream().filter(e -> e.position() > position);
            }

            @Override
            public Map<String, Long> positionsOf(Collection<String> eventIds) {
                return Map.of();
            }

            @Override
            public long head() {
                return logged.size();
            }
        };
    }
}
