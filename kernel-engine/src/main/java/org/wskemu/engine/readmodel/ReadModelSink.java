package org.wskemu.engine.readmodel;

import org.wskemu.api.SocketId;

/**
 * Where the {@link Projector} writes the read models' changes: in memory (live engine, timeline,
 * rebuild checks) or in database tables (the durable projection).
 */
public interface ReadModelSink {

    void socketCreated(SocketRow row);

    void socketClosed(SocketId socket, long position);

    void bound(OwnershipRow row);

    void released(SocketId socket);

    void decided(DecisionRow row);

    void warned(WarningRow row);

    /** Every event ends with this, so the sink knows how far it has folded. */
    void advanced(long position);
}
