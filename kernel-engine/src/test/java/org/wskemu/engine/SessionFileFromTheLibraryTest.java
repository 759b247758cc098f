package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wskemu.api.NtStatus;
import org.wskemu.engine.session.SessionFile;

/**
 * A library user reads and runs a session file without the command line (issue #11): the project's
 * quickstart, read from the repository's {@code examples/} (tests run in the module directory).
 */
class SessionFileFromTheLibraryTest {

    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart.wsk.jsonl");

    @Test
    void theQuickstartIsReadAndRunWithEveryExpectationHolding() {
        SessionFile session = SessionFile.read(QUICKSTART);
        assertEquals(List.of(), session.faults());
        assertEquals(20, session.calls().size());
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            SessionRunner.Result result = kernel.sessions().run(SessionRunner.Run.of(session));
            assertEquals(20, result.reports().size());
            assertEquals(11, result.expectations());
            assertEquals(0, result.divergences());
            assertEquals(session.calls(), result.reports().stream().map(SessionRunner.Report::call).toList());
            assertTrue(result.reports().stream().anyMatch(r -> r.status() == NtStatus.ACCESS_DENIED));
            assertEquals(1, result.run());
        }
    }

    @Test
    void aFileWithFaultsDoesNotRun() {
        SessionFile session = SessionFile.parse("bad.wsk.jsonl", List.of("{\"op\":\"process\",\"pid\":4}", "{"));
        try (WskEmulator kernel = WskEmulator.inMemory()) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> kernel.sessions().run(SessionRunner.Run.of(session)));
            assertTrue(refused.getMessage().contains("bad.wsk.jsonl:1: "), refused.getMessage());
            assertEquals(0, kernel.readModels().ownership().size());
        }
    }
}
