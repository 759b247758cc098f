-- Tamper evidence (issue #17): each event's SHA-256 digest, written with the event in the same
-- INSERT (EventChain). It covers the row's stored fields and the digest of the previous event of the
-- same aggregate (sequence number - 1), so the chain needs no global lock: Axon already serialises
-- each aggregate's appends. Events written before this migration keep NULL: the chain starts at the
-- first digested event, and verify refuses a NULL digest after it.
ALTER TABLE DomainEventEntry ADD COLUMN digest VARBINARY(32);
