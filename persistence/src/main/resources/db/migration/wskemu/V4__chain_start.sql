-- Where the digest chain begins (tamper evidence): every event after position chain_from carries a
-- digest, so a digest erased anywhere after it is damage that verify names, even when every digest
-- was erased. A store made with this migration begins its chain at 0 (every event is digested); an
-- older store's chain began at its first digested event, or begins after its last event when none
-- is digested yet. One row, never updated by a run.
CREATE TABLE wskemu_chain (
    id INT NOT NULL,
    chain_from BIGINT NOT NULL,
    CONSTRAINT wskemu_chain_pk PRIMARY KEY (id),
    CONSTRAINT wskemu_chain_one_row CHECK (id = 1)
);
INSERT INTO wskemu_chain (id, chain_from) VALUES (1, COALESCE(
    (SELECT MIN(globalIndex) - 1 FROM DomainEventEntry WHERE digest IS NOT NULL),
    (SELECT MAX(globalIndex) FROM DomainEventEntry),
    0));
