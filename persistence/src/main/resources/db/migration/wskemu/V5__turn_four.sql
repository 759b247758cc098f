-- Each run's high-water mark (tamper evidence): the position of the last event a run's batch
-- committed, written in that batch's own transaction by the run's one writer (a row per run, not a
-- counter every writer updates). A log that ends below a run's mark lost committed events from its
-- end, even events that left no trace in the read models; verify names that as a loss. Runs written
-- before this migration have no row.
CREATE TABLE wsk_run_mark (
    run BIGINT NOT NULL,
    last_position BIGINT NOT NULL,
    CONSTRAINT wsk_run_mark_pk PRIMARY KEY (run)
);
