-- Test only: stands for the next release's migration, to check an older store is migrated on open.
CREATE TABLE TestOnlyV2 (
    id INTEGER NOT NULL PRIMARY KEY
);
