package org.wskemu.persistence;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A test-only event-sourced aggregate: a named counter that can be incremented. */
final class Counter {

    /** Runs in every increment handler after the aggregate is loaded; tests use it to line up races. */
    static volatile Runnable beforeIncrement = () -> { };

    @AggregateIdentifier
    private String id;
    private long total;

    Counter() {
    }

    @CommandHandler
    Counter(Create command) {
        apply(new Created(command.id()));
    }

    @CommandHandler
    long handle(Increment command) {
        beforeIncrement.run();
        long next = total + command.by();
        apply(new Incremented(id, command.by(), next));
        return next;
    }

    @EventSourcingHandler
    void on(Created event) {
        id = event.id();
    }

    @EventSourcingHandler
    void on(Incremented event) {
        total = event.total();
    }

    record Create(@TargetAggregateIdentifier String id) {
    }

    record Increment(@TargetAggregateIdentifier String id, long by) {
    }

    record Created(String id) {
    }

    record Incremented(String id, long by, long total) {
    }
}
