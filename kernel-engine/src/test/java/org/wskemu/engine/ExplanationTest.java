package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.event.SocketRefused;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.engine.explain.Explanation;
import org.wskemu.engine.explain.SetAsideRule;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.engine.session.SessionFile;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/** Issue #26: an embedder asks the library why a bind came out as it did, and gets a value. */
class ExplanationTest {

    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart.wsk.jsonl");

    private static long decisionOf(WskEmulator kernel, String label, NtStatus status) {
        return kernel.readModels().decisions().stream().filter(d -> d.label().equals(label) && d.status() == status)
                .map(DecisionRow::position).findFirst().orElseThrow();
    }

    @Test
    void aRefusalNamesTheDecidingCellSocketAndAce() {
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            kernel.sessions().run(SessionRunner.Run.of(SessionFile.read(QUICKSTART)));

            Explanation b443 = kernel.explain(decisionOf(kernel, "b443", NtStatus.ACCESS_DENIED)).orElseThrow();
            assertEquals(SharingCell.DENIED, b443.decidingCell().orElseThrow().result());
            assertEquals(SharingOption.SO_EXCLUSIVEADDRUSE, b443.decidingCell().orElseThrow().firstOption());
            assertEquals("a443", b443.decidingBinding().orElseThrow().label());
            assertEquals(Optional.empty(), b443.decidingAce(), "a DENIED cell runs no access check");

            Explanation b80 = kernel.explain(decisionOf(kernel, "b80", NtStatus.SUCCESS)).orElseThrow();
            assertEquals(Optional.empty(), b80.decidingCell(), "nothing refused a granted bind");
            assertEquals(Optional.of("(A;;GW;;;BU)"), b80.decidingAce(), "the ACE that granted the access check");

            Explanation c80 = kernel.explain(decisionOf(kernel, "c80", NtStatus.ACCESS_DENIED)).orElseThrow();
            assertEquals(SharingCell.CHECK, c80.decidingCell().orElseThrow().result());
            assertEquals("a80", c80.decidingBinding().orElseThrow().label());
            // c80 asks for 10.0.0.6:80; b80 holds 10.0.0.5:80, which never overlaps it
            assertEquals(List.of(SetAsideRule.DIFFERENT_ADDRESS), c80.setAside().stream().map(a -> a.rule()).toList());
            assertEquals("b80", c80.setAside().get(0).binding().label());
        }
    }

    @Test
    void anEventThatIsNotABindDecisionHasNoExplanationAndPositionsOutsideTheLogAreRefused() {
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            kernel.sessions().run(SessionRunner.Run.of(SessionFile.read(QUICKSTART)));
            long head = kernel.log().head();

            assertEquals(Optional.empty(), kernel.explain(1), "position 1 starts the run");
            IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class, () -> kernel.explain(head + 1));
            assertEquals("position " + (head + 1) + " is beyond the last recorded position " + head, beyond.getMessage());
            assertThrows(IllegalArgumentException.class, () -> kernel.explain(0));
        }
    }

    @Test
    void aCallOnAnUndeclaredProcessSaysToDeclareIt() {
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            Driver driver = new Driver(kernel);
            kernel.declareProcess(new ProcessId(4), Token.of(Sid.LOCAL_SYSTEM));
            Completion refused = driver.socketCall(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET,
                    new ProcessId(99)));

            assertEquals(NtStatus.INVALID_PARAMETER, refused.ioStatus().status());
            String reason;
            try (Stream<LoggedEvent> events = kernel.log().readAfter(0)) {
                reason = events.map(LoggedEvent::event).filter(SocketRefused.class::isInstance)
                        .map(e -> ((SocketRefused) e).reason()).findFirst().orElseThrow();
            }
            assertEquals("creating process 99 is not declared; declare it first (a session's process line, or "
                    + "declareProcess)", reason);
            IllegalArgumentException thread = assertThrows(IllegalArgumentException.class,
                    () -> kernel.declareThread(new org.wskemu.api.ThreadId(7), new ProcessId(98), null));
            assertTrue(thread.getMessage().contains("declare it first"), thread.getMessage());
        }
    }
}
