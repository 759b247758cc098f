package org.wskemu.engine.command;

import java.util.List;
import org.wskemu.api.event.CallsRecorded;

/** Records the file lines and expectations of a run's committed calls ({@link CallsRecorded}). */
public record RecordCalls(long run, List<CallsRecorded.Call> calls) implements KernelCommand {

    public RecordCalls {
        calls = List.copyOf(calls);
    }

    @Override
    public String targetId() {
        return MACHINE;
    }
}
