-- One fold, in the writing transaction: from this version on, each batch folds its own events into
-- the read-model tables in the transaction that appends them, so the read models hold exactly the
-- committed log and no position row or token follows it. folded_inline says that this holds: true for
-- a store whose read models already held its whole log (or that has no event yet); false for one
-- written by an older wskemu whose read models lag its log, until the first 'run' or 'rebuild' folds
-- the whole log again (queries refuse such a store in one line naming 'wskemu rebuild').
-- event_position keeps where the older folders had got to; nothing updates it any more.
ALTER TABLE wsk_read_model_position ADD COLUMN folded_inline BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE wsk_read_model_position SET folded_inline = TRUE
    WHERE event_position >= COALESCE((SELECT MAX(globalIndex) FROM DomainEventEntry), 0);

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
