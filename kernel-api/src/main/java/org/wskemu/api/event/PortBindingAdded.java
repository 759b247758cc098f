package org.wskemu.api.event;

import org.wskemu.api.PortKey;
import org.wskemu.api.sharing.Binding;

/** The Port aggregate took a new live binding (the port's half of a successful bind). */
public record PortBindingAdded(PortKey port, Binding binding) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.portBindingAdded(this);
    }
}
