package org.wskemu.api.event;

import java.util.List;
import org.wskemu.api.HostAddress;

/**
 * A session declared unicast addresses the machine owns (SPEC.md 2, a {@code host} line); each
 * declaration adds to the earlier ones. Until the first, every address is local.
 */
public record HostDeclared(List<HostAddress> addresses) implements WskEvent {

    public HostDeclared {
        addresses = List.copyOf(addresses);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.hostDeclared(this);
    }
}
