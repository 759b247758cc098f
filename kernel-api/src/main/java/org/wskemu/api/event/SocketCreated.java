package org.wskemu.api.event;

import org.wskemu.api.SessionRun;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.ThreadId;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Token;

/**
 * WskSocket succeeded.
 *
 * @param context    the security context resolved at creation (SPEC.md 3), kept so a replay needs nothing else
 * @param descriptor the descriptor given, or null for the profile's default
 */
public record SocketCreated(SocketId socket, String label, SessionRun run, SocketCategory category, AddressFamily family,
                            ProcessId creatingProcess, ProcessId owningProcess, ThreadId owningThread,
                            Token context, SecurityDescriptor descriptor) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.socketCreated(this);
    }
}
