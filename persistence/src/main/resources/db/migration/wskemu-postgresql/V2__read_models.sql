-- (PostgreSQL) The read models the tracking processor keeps (one reducer: org.wskemu.engine.readmodel.Projector).
-- A row commits in the same transaction as the processor's token, so a restart never re-applies
-- or skips an event. Positions are DomainEventEntry.globalIndex values.

CREATE TABLE wsk_socket (
    socket      BIGINT            NOT NULL,
    label       CHARACTER VARYING NOT NULL,
    run         BIGINT            NOT NULL,
    category    VARCHAR(16)       NOT NULL,
    family      VARCHAR(8)        NOT NULL,
    process     BIGINT            NOT NULL,
    created_at  BIGINT            NOT NULL,
    closed_at   BIGINT            NOT NULL,
    CONSTRAINT wsk_socket_pk PRIMARY KEY (socket)
);
CREATE INDEX wsk_socket_created_at ON wsk_socket (created_at);

CREATE TABLE wsk_ownership (
    socket          BIGINT            NOT NULL,
    label           CHARACTER VARYING NOT NULL,
    run             BIGINT            NOT NULL,
    protocol        VARCHAR(4)        NOT NULL,
    family          VARCHAR(8)        NOT NULL,
    address         VARCHAR(64)       NOT NULL,
    sharing_option  VARCHAR(24)       NOT NULL,
    process         BIGINT            NOT NULL,
    bound_at        BIGINT            NOT NULL,
    CONSTRAINT wsk_ownership_pk PRIMARY KEY (socket)
);
CREATE INDEX wsk_ownership_bound_at ON wsk_ownership (bound_at);

CREATE TABLE wsk_decision (
    event_position  BIGINT            NOT NULL,
    socket          BIGINT            NOT NULL,
    label           CHARACTER VARYING NOT NULL,
    run             BIGINT            NOT NULL,
    process         BIGINT            NOT NULL,
    requested       VARCHAR(64)       NOT NULL,
    actual          VARCHAR(64),
    port            INTEGER           NOT NULL,
    sharing_option  VARCHAR(24)       NOT NULL,
    profile         VARCHAR(16)       NOT NULL,
    status          VARCHAR(40)       NOT NULL,
    reason          CHARACTER VARYING NOT NULL,
    deciding_cell   CHARACTER VARYING,
    deciding_label  CHARACTER VARYING,
    CONSTRAINT wsk_decision_pk PRIMARY KEY (event_position)
);
CREATE INDEX wsk_decision_status ON wsk_decision (status);
CREATE INDEX wsk_decision_process ON wsk_decision (process);
CREATE INDEX wsk_decision_port ON wsk_decision (port);

CREATE TABLE wsk_warning (
    event_position  BIGINT            NOT NULL,
    socket          BIGINT,
    kind            VARCHAR(32)       NOT NULL,
    message         CHARACTER VARYING NOT NULL,
    CONSTRAINT wsk_warning_pk PRIMARY KEY (event_position)
);

-- How far the read models have folded the log (one row).
CREATE TABLE wsk_read_model_position (
    id              INTEGER NOT NULL,
    event_position  BIGINT  NOT NULL,
    CONSTRAINT wsk_read_model_position_pk PRIMARY KEY (id)
);
INSERT INTO wsk_read_model_position (id, event_position) VALUES (1, 0);

-- Timeline checkpoints: the live bindings just after a position, as JSON.
CREATE TABLE wsk_checkpoint (
    event_position  BIGINT NOT NULL,
    ownership       BYTEA   NOT NULL,
    CONSTRAINT wsk_checkpoint_pk PRIMARY KEY (event_position)
);
