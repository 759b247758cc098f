package org.wskemu.api.event;

import org.wskemu.api.SocketId;
import org.wskemu.security.SecurityDescriptor;

/** SO_WSK_SECURITY replaced the socket's descriptor; {@code afterBind} as for {@link SharingOptionSet}. */
public record DescriptorSet(SocketId socket, SecurityDescriptor descriptor, boolean afterBind) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.descriptorSet(this);
    }
}
