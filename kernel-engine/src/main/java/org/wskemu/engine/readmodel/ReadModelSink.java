package org.wskemu.engine.readmodel;

import org.wskemu.api.SocketId;

/**
 * Where the {@link Projector} writes the read models' changes: in memory (live engine, timeline,
 * rebuild checks) or in database tables (the durable projection).
 */
public interface ReadModelSink {

    /**
     * A socket was created.
     *
     * @param row the socket's row
     */
    void socketCreated(SocketRow row);

    /**
     * A socket was closed; its row stays, marked closed.
     *
     * @param socket   the socket
     * @param position the log position of the close
     */
    void socketClosed(SocketId socket, long position);

    /**
     * A socket took an address.
     *
     * @param row the binding's row
     */
    void bound(OwnershipRow row);

    /**
     * A socket's binding ended; its ownership row goes.
     *
     * @param socket the socket
     */
    void released(SocketId socket);

    /**
     * A bind was decided.
     *
     * @param row the decision's row
     */
    void decided(DecisionRow row);

    /**
     * An event carries a warning.
     *
     * @param row the warning's row
     */
    void warned(WarningRow row);

    /**
     * Every event ends with this, so the sink knows how far it has folded.
     *
     * @param position the position of the event just folded
     */
    void advanced(long position);
}
