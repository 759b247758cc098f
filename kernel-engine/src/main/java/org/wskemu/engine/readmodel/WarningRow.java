package org.wskemu.engine.readmodel;

import org.wskemu.api.SocketId;

/**
 * A misuse warning: an option or descriptor set after bind (accepted, but the binding keeps what it
 * was bound with), or a call refused as misuse (closed or unknown socket, NULL or pending IRP).
 *
 * @param socket the socket, or null when the call named none that exists
 */
public record WarningRow(long position, SocketId socket, Kind kind, String message) {

    /** What was misused. */
    public enum Kind {
        /** A sharing option set on a bound socket. */
        OPTION_AFTER_BIND,
        /** A descriptor set on a bound socket. */
        DESCRIPTOR_AFTER_BIND,
        /** A call refused as misuse. */
        MISUSE
    }
}
