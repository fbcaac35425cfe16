-- Messages partners send to the portal's callbacks, kept once per partner message id so that a
-- repeat is answered like the first and changes nothing (DESIGN.md "Outbox": callbacks idempotent).
CREATE TABLE partnerberichten (
    tenant_id    text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    partner      text NOT NULL,
    bericht_id   text NOT NULL CHECK (length(bericht_id) BETWEEN 1 AND 200),
    soort        text NOT NULL,
    inhoud       jsonb NOT NULL,
    ontvangen_op timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, partner, bericht_id)
);
SELECT enable_tenant_rls('partnerberichten');
GRANT SELECT, INSERT ON partnerberichten TO rmc_app;
