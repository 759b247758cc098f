package org.wskemu.cli;

import java.util.List;
import java.util.stream.Stream;
import org.wskemu.engine.log.EventLog;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.log.RunSummary;

/** The runs of a log that never ended (killed, or copied while they ran), each with how far it got. */
final class Unfinished {

    private Unfinished() {
    }

    /** {@return the runs of {@code log} that have no end} */
    static List<RunSummary> of(EventLog log) {
        try (Stream<LoggedEvent> events = log.readAfter(0)) {
            return RunSummary.of(events).stream().filter(r -> !r.ended()).toList();
        }
    }

    /** {@return one line saying how far an unfinished run got} e.g. {@code run 3 did not finish: ...} */
    static String line(RunSummary run) {
        return "run " + run.run() + " did not finish (killed, or copied while it ran): it recorded " + run.calls()
                + " calls of " + run.source() + ", up to position " + run.last();
    }
}
