-- Meldingen from DUO's verzuimloket join the same table as those from schools (DOMAIN.md §3): a
-- melding that arrives through both channels is one melding with DUO's id attached. The feed's
-- cursor is kept per gemeente, saved with the page it came with.

ALTER TABLE meldingen
    ADD COLUMN duo_melding_id text,
    ALTER COLUMN ondernomen_actie DROP NOT NULL,
    DROP CONSTRAINT meldingen_ondernomen_actie_check,
    ADD CONSTRAINT meldingen_ondernomen_actie_check
        CHECK (kanaal = 'duo' OR length(btrim(coalesce(ondernomen_actie, ''))) > 0);
CREATE UNIQUE INDEX meldingen_duo ON meldingen (tenant_id, duo_melding_id) WHERE duo_melding_id IS NOT NULL;
CREATE INDEX meldingen_samenvoegen ON meldingen (tenant_id, bsn, brin, soort, periode_van);

CREATE TABLE duo_feed_cursors (
    tenant_id     text PRIMARY KEY REFERENCES tenants (id) DEFAULT current_tenant(),
    cursor        text,
    bijgewerkt_op timestamptz NOT NULL DEFAULT now()
);
SELECT enable_tenant_rls('duo_feed_cursors');
GRANT SELECT, INSERT, UPDATE ON duo_feed_cursors TO rmc_app;
