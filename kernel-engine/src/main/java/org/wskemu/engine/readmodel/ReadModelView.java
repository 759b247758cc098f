package org.wskemu.engine.readmodel;

import java.util.List;
import java.util.Optional;
import org.wskemu.api.SocketId;

/** The read models as queries see them. Lists are immutable copies. */
public interface ReadModelView {

    /** {@return the position of the last event folded in} */
    long position();

    /** {@return the live bindings, in the order they were bound} */
    List<OwnershipRow> ownership();

    /** {@return every bind decision, in position order} */
    List<DecisionRow> decisions();

    /**
     * The bind decisions {@code filter} wants, in position order: a store of tables selects them in SQL
     * and reads no other row.
     *
     * @param filter which decisions
     * @return the decisions, an immutable list
     */
    default List<DecisionRow> decisions(DecisionFilter filter) {
        return decisions().stream().filter(filter).toList();
    }

    /** {@return every warning, in position order} */
    List<WarningRow> warnings();

    /** {@return every socket ever created, in creation order} */
    List<SocketRow> sockets();

    /**
     * One socket's row: a store of tables reads that row alone.
     *
     * @param socket the socket's handle
     * @return its row, or empty when no socket with that handle was created
     */
    default Optional<SocketRow> socket(SocketId socket) {
        return sockets().stream().filter(r -> r.socket().equals(socket)).findFirst();
    }

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
