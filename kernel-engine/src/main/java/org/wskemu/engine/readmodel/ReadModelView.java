package org.wskemu.engine.readmodel;

import java.util.List;

/** The read models as queries see them. Lists are immutable copies. */
public interface ReadModelView {

    /** The position of the last event folded in. */
    long position();

    /** Live bindings, in the order they were bound. */
    List<OwnershipRow> ownership();

    /** Every bind decision, in position order. */
    List<DecisionRow> decisions();

    /** Every warning, in position order. */
    List<WarningRow> warnings();

    /** Every socket ever created, in creation order. */
    List<SocketRow> sockets();
}
