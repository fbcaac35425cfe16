-- Inspectie signalen about a school (art. 20): a school's history of advice (lid 1), schriftelijke
-- signalen (after the teammanager's akkoord) and meldingen (lid 5), kept per gemeente. The school
-- reads what concerns its own BRIN once it is more than an internal proposal: the advice given to
-- it and the signals and meldingen that were sent, never a signal still waiting for akkoord.
CREATE TABLE inspectie_verslagen (
    tenant_id       text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id              uuid NOT NULL DEFAULT gen_random_uuid(),
    brin            text NOT NULL CHECK (brin ~ '^[0-9]{2}[A-Z0-9]{2}$'),
    vestiging       text NOT NULL DEFAULT '00' CHECK (vestiging ~ '^[0-9]{2}$'),
    soort           text NOT NULL CHECK (soort IN ('advies', 'signaal', 'melding')),
    tekortkoming    text NOT NULL CHECK (tekortkoming IN ('inschrijving_te_laat',
                        'uitschrijving_te_laat', 'melding_niet_gedaan', 'verlof_tegen_de_wet',
                        'overig')),
    feiten          text NOT NULL CHECK (length(btrim(feiten)) BETWEEN 1 AND 5000),
    advies          text CHECK (length(advies) <= 5000),
    handelwijze     text CHECK (length(handelwijze) <= 5000),
    status          text NOT NULL CHECK (status IN ('vastgelegd', 'wacht_op_akkoord', 'verstuurd',
                                                    'afgewezen')),
    vastgelegd_door uuid NOT NULL DEFAULT current_user_id(),
    vastgelegd_op   timestamptz NOT NULL DEFAULT now(),
    akkoord_door    uuid,
    akkoord_op      timestamptz,
    reden_afwijzing text CHECK (length(reden_afwijzing) <= 2000),
    bericht_id      uuid,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX inspectie_verslagen_school ON inspectie_verslagen (tenant_id, brin, vastgelegd_op);
SELECT enable_tenant_rls('inspectie_verslagen');
CREATE POLICY extern_eigen_school ON inspectie_verslagen AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ((SELECT NOT zonder_dossier())
           OR (brin = current_brin() AND status IN ('vastgelegd', 'verstuurd')));
GRANT SELECT, INSERT, UPDATE (status, akkoord_door, akkoord_op, reden_afwijzing, bericht_id)
    ON inspectie_verslagen TO rmc_app;
