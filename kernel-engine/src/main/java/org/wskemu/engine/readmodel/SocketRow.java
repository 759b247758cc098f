package org.wskemu.engine.readmodel;

import org.wskemu.api.SessionRun;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;

/** A socket ever created: its label, run, category, family, owning process and lifetime (closedAt 0 while open). */
public record SocketRow(SocketId socket, String label, SessionRun run, SocketCategory category, AddressFamily family,
                        ProcessId process, long createdAt, long closedAt) {

    /**
     * {@return this socket, closed at {@code position}}
     *
     * @param position the close's position
     */
    public SocketRow closed(long position) {
        return new SocketRow(socket, label, run, category, family, process, createdAt, position);
    }

    /** {@return whether the socket is still open} */
    public boolean isOpen() {
        return closedAt == 0;
    }
}
