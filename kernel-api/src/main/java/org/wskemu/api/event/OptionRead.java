package org.wskemu.api.event;

import org.wskemu.api.OptionCode;
import org.wskemu.api.SocketId;
import org.wskemu.security.SecurityDescriptor;

/** A get succeeded: {@code value} for a sharing option, {@code descriptor} for SO_WSK_SECURITY. */
public record OptionRead(SocketId socket, OptionCode option, Integer value, SecurityDescriptor descriptor)
        implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.optionRead(this);
    }
}
