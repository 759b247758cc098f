package org.wskemu.api.event;

import org.wskemu.api.OptionCode;
import org.wskemu.api.SocketId;

/**
 * SO_REUSEADDR or SO_EXCLUSIVEADDRUSE was set; any non-zero value enables it. {@code afterBind}
 * marks a set on a bound socket: accepted and readable, but the binding keeps its options, and the
 * audit shows a warning ([emulator choice], SPEC.md 5).
 */
public record SharingOptionSet(SocketId socket, OptionCode option, int value, boolean afterBind) implements WskEvent {

    /** {@return whether the value enables the option (any non-zero value)} */
    public boolean enabled() {
        return value != 0;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.sharingOptionSet(this);
    }
}
