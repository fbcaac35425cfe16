-- DUO's in- and uitschrijvingen from the feed, applied to the administration as the
-- `inschrijvingen` import does. Every mutation is accounted for once, by DUO's id: applied, or
-- rejected with its reason for the administratief medewerker to see.
CREATE TABLE duo_mutaties (
    tenant_id      text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    duo_mutatie_id text NOT NULL CHECK (length(duo_mutatie_id) BETWEEN 1 AND 200),
    soort          text NOT NULL CHECK (soort IN ('inschrijving', 'uitschrijving')),
    bsn            text NOT NULL,
    brin           text NOT NULL,
    vestiging      text NOT NULL,
    datum          date NOT NULL,
    verwerkt       boolean NOT NULL,
    reden          text,
    ontvangen_op   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, duo_mutatie_id),
    CHECK (verwerkt OR reden IS NOT NULL)
);
CREATE INDEX duo_mutaties_afgewezen ON duo_mutaties (tenant_id, ontvangen_op DESC)
    WHERE NOT verwerkt;
SELECT enable_tenant_rls('duo_mutaties');
CREATE POLICY extern_niets ON duo_mutaties AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ((SELECT NOT zonder_dossier()));
GRANT SELECT, INSERT ON duo_mutaties TO rmc_app;
