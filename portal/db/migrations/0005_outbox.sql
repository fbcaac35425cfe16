-- Transactional outbox (DESIGN.md "Outbox"): a partner message is a row written in the same
-- transaction as the change that causes it. Workers claim due rows with FOR UPDATE SKIP LOCKED and a
-- lease, deliver with the row id as idempotency key, and either mark them delivered, schedule a
-- retry with backoff, or park them as dead for the functioneel beheerder to inspect and re-send.

CREATE TABLE outbox (
    tenant_id       text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id              uuid NOT NULL DEFAULT gen_random_uuid(),
    partner         text NOT NULL CHECK (partner ~ '^[a-z_]+$'),
    soort           text NOT NULL CHECK (soort ~ '^[a-z_]+$'),
    payload         jsonb NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    leased_until    timestamptz,
    last_error      text,
    partner_ref     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outbox_due ON outbox (tenant_id, next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_dead ON outbox (tenant_id, created_at) WHERE status = 'dead';
SELECT enable_tenant_rls('outbox');
GRANT SELECT, INSERT, UPDATE ON outbox TO rmc_app;
