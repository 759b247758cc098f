package org.wskemu.api.event;

import org.wskemu.api.SessionRun;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.ThreadId;

/** WskSocket was refused (an undeclared process or thread, a NULL IRP). */
public record SocketRefused(String label, SessionRun run, SocketCategory category, AddressFamily family,
                            ProcessId creatingProcess, ProcessId owningProcess, ThreadId owningThread,
                            NtStatus status, String reason) implements WskEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.socketRefused(this);
    }
}
