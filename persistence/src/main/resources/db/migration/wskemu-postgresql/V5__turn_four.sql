-- The transaction that wrote each event (xid8, PostgreSQL 13 or later), so that readers which page
-- across transactions read only below the horizon: events whose transaction id is below
-- pg_snapshot_xmin(pg_current_snapshot()), every transaction of which has ended, so no event can
-- still commit there (JdbcEventLog; DESIGN.md, "What a reader sees while writers are active").
-- The default fills it in every INSERT, Axon's and the copy's alike; events written before this
-- migration get this migration's transaction id, below every later one. The index serves the
-- horizon's ordering (transaction, then position) for readers that follow the log.
ALTER TABLE DomainEventEntry ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX DomainEventEntry_xid_position ON DomainEventEntry (xid, globalIndex);
