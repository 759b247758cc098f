-- Test only (AtomicOpenIT): a next release's migration that takes a while and changes an existing
-- table, so that a process killed during it would leave a half-migrated schema if it ran in place.
CREATE TABLE TestOnlySlow (
    id BIGINT NOT NULL PRIMARY KEY,
    filler VARCHAR(100) NOT NULL
);
INSERT INTO TestOnlySlow SELECT X, REPEAT('x', 60) FROM SYSTEM_RANGE(1, 80000);
ALTER TABLE DomainEventEntry ADD COLUMN testOnlySlow INTEGER;
CREATE INDEX TestOnlySlowFiller ON TestOnlySlow (filler, id);
