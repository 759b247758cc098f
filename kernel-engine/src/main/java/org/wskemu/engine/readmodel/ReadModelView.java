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

    /** {@return how many live bindings there are} (a table store counts in SQL, without reading the rows) */
    default long ownershipCount() {
        return ownership().size();
    }

    /** {@return how many bind decisions there are} */
    default long decisionCount() {
        return decisions().size();
    }

    /** {@return how many warnings there are} */
    default long warningCount() {
        return warnings().size();
    }

    /** {@return how many sockets were ever created} */
    default long socketCount() {
        return sockets().size();
    }
}
