package org.wskemu.api.event;

import java.util.List;
import org.wskemu.api.HostAddress;

/**
 * A session declared unicast addresses the machine owns (SPEC.md 2, a {@code host} line); each
 * declaration adds to the earlier ones. Until the first, every address is local.
 *
 * @param addresses the addresses the line declared, in its order
 */
public record HostDeclared(List<HostAddress> addresses) implements WskEvent {

    /**
     * Copies the list.
     *
     * @param addresses the addresses the line declared; copied, never null
     */
    public HostDeclared {
        addresses = List.copyOf(addresses);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.hostDeclared(this);
    }
}
