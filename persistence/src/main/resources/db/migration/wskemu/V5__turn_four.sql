-- The embedded store needs no transaction id per event: one process writes it, and its writers
-- commit in position order (DESIGN.md, "What a reader sees while writers are active"). This
-- migration keeps the two vendors' schema versions equal.
SELECT 1;
