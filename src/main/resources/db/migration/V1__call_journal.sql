-- The call journal: one row per call, one append-only row per step. Runs unchanged on PostgreSQL (production) and
-- on H2 in PostgreSQL mode (the embedded default). Times are UTC instants with microsecond precision.

CREATE TABLE journal_call (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,   -- our call id (a UUID), in the answer and hangup URLs
    requested_by     VARCHAR(128) NOT NULL,               -- the operator or API user
    to_number        VARCHAR(32)  NOT NULL,               -- E.164
    from_number      VARCHAR(32)  NOT NULL,
    simulated        BOOLEAN      NOT NULL,
    requested_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- Everything below is derived from the call's events (CallSummary) whenever new events of the call are stored.
    state            VARCHAR(16)  NOT NULL,
    outcome          VARCHAR(16),
    request_uuid     VARCHAR(128),                        -- the gateway's request id = ALegRequestUUID of webhooks
    call_uuid        VARCHAR(128),                        -- Plivo's CallUUID
    language         VARCHAR(8),
    option_chosen    VARCHAR(16),
    dial_status      VARCHAR(32),
    associate_leg    VARCHAR(128),
    hangup_cause     VARCHAR(128),
    hangup_source    VARCHAR(128),
    duration_seconds INTEGER,
    billed_seconds   INTEGER,
    error            VARCHAR(1000),
    answered_at      TIMESTAMP(6) WITH TIME ZONE,
    ended_at         TIMESTAMP(6) WITH TIME ZONE
);

-- Newest first with keyset paging, and the retention purge.
CREATE INDEX journal_call_requested ON journal_call (requested_at, id);
-- Search by number.
CREATE INDEX journal_call_to ON journal_call (to_number, requested_at);
-- Live calls, search by state.
CREATE INDEX journal_call_state ON journal_call (state, requested_at);
-- Linking webhooks that carry no call id: by Plivo's CallUUID or by the request id (ALegRequestUUID).
CREATE INDEX journal_call_call_uuid ON journal_call (call_uuid);
CREATE INDEX journal_call_request_uuid ON journal_call (request_uuid);

CREATE TABLE journal_event (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- storage order; the live view's Last-Event-ID
    call_id      VARCHAR(36) REFERENCES journal_call (id),         -- NULL until the step could be linked to a call
    step_key     VARCHAR(64)  NOT NULL,                            -- natural key: a replayed request stores nothing
    at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    type         VARCHAR(16)  NOT NULL,
    language     VARCHAR(8),
    detail       VARCHAR(1000),
    attempt      SMALLINT     NOT NULL,
    call_uuid    VARCHAR(128),                                     -- to link the step later when it was stored
    request_uuid VARCHAR(128),                                     -- before its call was known
    parameters   VARCHAR(4000) NOT NULL,                           -- Plivo's parameters of the step, a JSON object
    CONSTRAINT journal_event_step_key UNIQUE (step_key)
);

-- A call's steps; unlinked steps (call_id IS NULL) by time.
CREATE INDEX journal_event_call ON journal_event (call_id, at);
