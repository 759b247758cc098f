package org.wskemu.engine.command;

import java.util.List;
import org.wskemu.api.event.CallsRecorded;

/**
 * Records the file lines and expectations of a run's committed calls ({@link CallsRecorded}).
 *
 * @param run   the run the calls belong to
 * @param calls one entry per committed call, in file order
 */
public record RecordCalls(long run, List<CallsRecorded.Call> calls) implements KernelCommand {

    /**
     * Copies the list.
     *
     * @param run   the run the calls belong to
     * @param calls one entry per committed call; copied
     */
    public RecordCalls {
        calls = List.copyOf(calls);
    }

    @Override
    public String targetId() {
        return MACHINE;
    }
}
