-- Art. 6.10: the proces-verbaal goes to the officier van justitie; the OM's answer (its receipt,
-- then sepot, transactie, strafbeschikking or dagvaarding, and after a dagvaarding the judgment)
-- comes back on a partner callback of the new role `partner_om`, idempotent on its message id.
-- It is Wpg data: only a BOA reads it (the system writes it with the Wpg label, as Halt's answer),
-- outside roles read nothing.

ALTER TABLE users DROP CONSTRAINT users_roles_check;
ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (
    cardinality(roles) > 0 AND roles <@ ARRAY[
        'leerplichtambtenaar', 'leerplichtassistent', 'administratief_medewerker',
        'teammanager', 'rmc_coordinator', 'functioneel_beheerder', 'school',
        'regiogemeente', 'jongerenpunt', 'privacy_officer', 'partner_halt',
        'partner_svb', 'partner_veilig_thuis', 'partner_om']::text[]);

CREATE OR REPLACE FUNCTION alleen_extern() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT current_user_id() IS NOT NULL
                 AND current_roles() <@ ARRAY['school', 'regiogemeente', 'jongerenpunt',
                                              'partner_halt', 'partner_svb',
                                              'partner_veilig_thuis', 'partner_om']::text[] $$;

CREATE OR REPLACE FUNCTION zonder_dossier() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT current_user_id() IS NOT NULL
                 AND current_roles() <@ ARRAY['school', 'regiogemeente', 'jongerenpunt',
                                              'partner_halt', 'partner_svb',
                                              'partner_veilig_thuis', 'partner_om',
                                              'functioneel_beheerder']::text[] $$;

CREATE TABLE om_afdoeningen (
    tenant_id     text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    bericht_id    text NOT NULL CHECK (length(bericht_id) BETWEEN 1 AND 200),
    zaak_id       uuid NOT NULL,
    afdoening     text NOT NULL CHECK (afdoening IN ('ontvangen', 'sepot', 'transactie',
                                                     'strafbeschikking', 'dagvaarding', 'uitspraak')),
    datum         date NOT NULL,
    parketnummer  text CHECK (length(parketnummer) <= 100),
    toelichting   text CHECK (length(toelichting) <= 2000),
    ontvangen_op  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, bericht_id),
    FOREIGN KEY (tenant_id, zaak_id) REFERENCES zaken (tenant_id, id)
);
CREATE INDEX om_afdoeningen_zaak ON om_afdoeningen (tenant_id, zaak_id, datum);
SELECT enable_tenant_rls('om_afdoeningen');
CREATE POLICY wpg_alleen_boa ON om_afdoeningen AS RESTRICTIVE
    USING (current_is_boa()) WITH CHECK (current_is_boa());
CREATE POLICY extern_niets ON om_afdoeningen AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ((SELECT NOT zonder_dossier()));
GRANT SELECT, INSERT ON om_afdoeningen TO rmc_app;

-- Halt's afdoening of a referral is Wpg data as well: its stored message, like the step it
-- became, is for a BOA only (the callback writes it as the system, with the Wpg label).
CREATE POLICY wpg_alleen_boa ON partnerberichten AS RESTRICTIVE
    USING (partner <> 'halt' OR current_is_boa()) WITH CHECK (partner <> 'halt' OR current_is_boa());
