package org.wskemu.engine.timeline;

import java.util.List;
import org.wskemu.engine.readmodel.OwnershipRow;

/** The live bindings just after the event at {@code position}. */
public record Checkpoint(long position, List<OwnershipRow> ownership) {

    /**
     * Copies the bindings.
     *
     * @param position  the event's position
     * @param ownership the live bindings just after it
     */
    public Checkpoint {
        ownership = List.copyOf(ownership);
    }
}
