package org.wskemu.test;

import java.util.Objects;
import org.wskemu.api.NtStatus;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.engine.readmodel.DecidingCell;
import org.wskemu.engine.readmodel.DecisionRow;

/**
 * Plain assertions on typed values: a completion's status, a decision's status and the sharing
 * cell that decided it. Each fails with an {@link AssertionError} saying what was expected and what
 * came, with the status's name and hex value, and answers the checked value for further checks.
 */
public final class WskAssertions {

    private WskAssertions() {
    }

    /**
     * Checks the status an IRP completed with.
     *
     * @param expected   the status expected
     * @param completion the completion
     * @return {@code completion}
     * @throws AssertionError if the status differs
     */
    public static Completion assertStatus(NtStatus expected, Completion completion) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(completion, "completion");
        if (completion.status() != expected) {
            throw new AssertionError("expected the call to complete with " + expected + " but it completed with "
                    + completion.status() + " (position " + completion.position() + ")");
        }
        return completion;
    }

    /**
     * Checks that a bind was refused by a binding, and by which table cell.
     *
     * @param expected the cell expected, e.g. {@code new DecidingCell(SO_EXCLUSIVEADDRUSE, SPECIFIC, NONE, WILDCARD, DENIED)}
     * @param decision the recorded decision
     * @return {@code decision}
     * @throws AssertionError if the bind succeeded, no binding refused it, or another cell did
     */
    public static DecisionRow assertDecidedBy(DecidingCell expected, DecisionRow decision) {
        Objects.requireNonNull(expected, "expected");
        DecidingCell actual = decidingCell(decision);
        if (!actual.equals(expected)) {
            throw new AssertionError("expected the bind at position " + decision.position() + " to be refused by "
                    + expected + " but it was refused by " + actual);
        }
        return decision;
    }

    /**
     * Checks that a bind was refused by a binding, with the result of the cell that refused it.
     *
     * @param expected the cell's result expected: {@code INUSE}, {@code DENIED}, or {@code CHECK} (the
     *                 access check refused)
     * @param decision the recorded decision
     * @return {@code decision}
     * @throws AssertionError if the bind succeeded, no binding refused it, or a cell of another result did
     */
    public static DecisionRow assertDecidedBy(SharingCell expected, DecisionRow decision) {
        Objects.requireNonNull(expected, "expected");
        DecidingCell actual = decidingCell(decision);
        if (actual.result() != expected) {
            throw new AssertionError("expected the bind at position " + decision.position() + " to be refused by a "
                    + expected + " cell but it was refused by " + actual);
        }
        return decision;
    }

    private static DecidingCell decidingCell(DecisionRow decision) {
        Objects.requireNonNull(decision, "decision");
        return decision.cell().orElseThrow(() -> new AssertionError("the bind at position " + decision.position()
                + " (" + decision.status() + ") was refused by no binding's cell"
                + (decision.status().isSuccess() ? ": it succeeded" : ": " + decision.reason())));
    }
}
