package org.wskemu.api;

/**
 * The handle of an emulated socket, as returned in IoStatus.Information by WskSocket.
 *
 * @param value a positive handle
 */
public record SocketId(long value) {

    /**
     * Checks the handle is positive.
     *
     * @param value the handle
     * @throws IllegalArgumentException if it is not positive
     */
    public SocketId {
        if (value <= 0) {
            throw new IllegalArgumentException("socket id must be positive, was " + value);
        }
    }

    /** {@return the aggregate identifier form, {@code socket-<hex>}} */
    public String aggregateId() {
        return "socket-" + Long.toHexString(value);
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(value);
    }
}
