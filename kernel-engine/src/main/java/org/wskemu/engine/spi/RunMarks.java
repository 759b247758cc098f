package org.wskemu.engine.spi;

/**
 * Internal SPI: each run's high-water mark, kept by a durable store where a cut of its log would show
 * (issue #27): the engine calls {@link #committing} inside each batch's transaction, once the batch's
 * events are appended (Axon's prepare-commit), with the run and the batch's last event; the store
 * records that event's position as the run's mark, in the same transaction. Only the run's own writer
 * updates its mark, so writers sharing a store never contend on it.
 */
public interface RunMarks {

    /**
     * Notes that {@code run}'s committed events reach {@code lastEventId}'s position once this
     * transaction commits.
     *
     * @param run         the run, positive
     * @param lastEventId the identifier of the batch's last event, appended in this transaction
     */
    void committing(long run, String lastEventId);
}
