-- The leerplichtambtenaar's procedure for verlof beyond 10 schooldagen (art. 5.1-5.8, 5.11): the
-- steps taken on an application (receipt, hersteltermijn, hearing the director, the parents'
-- zienswijze, the decision, a bezwaar), each with what was recorded.

ALTER TABLE verlofaanvragen
    ADD COLUMN ontvangst_bevestigd_op date,
    ADD COLUMN hersteltermijn_tot date,
    ADD COLUMN bezwaar_ontvangen_op date;
GRANT UPDATE (ontvangst_bevestigd_op, hersteltermijn_tot, bezwaar_ontvangen_op)
    ON verlofaanvragen TO rmc_app;

CREATE TABLE verlof_stappen (
    tenant_id   text NOT NULL DEFAULT current_tenant(),
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    aanvraag_id uuid NOT NULL,
    actie       text NOT NULL CHECK (actie IN ('ontvangst_bevestigen', 'herstel_vragen',
                    'directeur_horen', 'zienswijze_vragen', 'besluiten', 'bezwaar_registreren')),
    verslag     text CHECK (length(verslag) <= 5000),
    gezet_door  uuid NOT NULL DEFAULT current_user_id(),
    gezet_op    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, aanvraag_id) REFERENCES verlofaanvragen (tenant_id, id)
);
CREATE INDEX verlof_stappen_aanvraag ON verlof_stappen (tenant_id, aanvraag_id, gezet_op);
SELECT enable_tenant_rls('verlof_stappen');
CREATE POLICY verlof_stappen_rollen ON verlof_stappen AS RESTRICTIVE TO rmc_app
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'teammanager']::text[]);
GRANT SELECT, INSERT ON verlof_stappen TO rmc_app;
