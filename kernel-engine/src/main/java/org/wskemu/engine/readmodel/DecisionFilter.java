package org.wskemu.engine.readmodel;

import java.util.function.Predicate;
import org.wskemu.api.NtStatus;

/**
 * Which bind decisions a query wants (issue #15: a query reads what it answers, not the whole table);
 * each part null for any. A store of tables selects them in SQL
 * ({@link ReadModelView#decisions(DecisionFilter)}).
 *
 * @param status  the decision's status
 * @param process the deciding process's id
 * @param port    the port decided on ({@link DecisionRow#port()})
 * @param run     the run's number
 * @param label   the socket's label
 * @param from    the first position, inclusive
 * @param to      the last position, inclusive
 */
public record DecisionFilter(NtStatus status, Long process, Integer port, Long run, String label, Long from, Long to)
        implements Predicate<DecisionRow> {

    /** Every decision. */
    public static final DecisionFilter ALL = new DecisionFilter(null, null, null, null, null, null, null);

    /**
     * Whether {@code d} is one of the decisions wanted.
     *
     * @param d a decision
     * @return true when every given part matches
     */
    @Override
    public boolean test(DecisionRow d) {
        return (status == null || d.status() == status)
                && (process == null || d.process().value() == process)
                && (port == null || d.port() == port)
                && (run == null || d.run().number() == run)
                && (label == null || label.equals(d.label()))
                && (from == null || d.position() >= from)
                && (to == null || d.position() <= to);
    }
}
