package org.wskemu.engine.readmodel;

import java.util.List;

/** The read models as queries see them. Lists are immutable copies. */
public interface ReadModelView {

    /** {@return the position of the last event folded in} */
    long position();

    /** {@return the live bindings, in the order they were bound} */
    List<OwnershipRow> ownership();

    /** {@return every bind decision, in position order} */
    List<DecisionRow> decisions();

    /** {@return every warning, in position order} */
    List<WarningRow> warnings();

    /** {@return every socket ever created, in creation order} */
    List<SocketRow> sockets();
}
