-- The meldcode huiselijk geweld en kindermishandeling (art. 17): a traject on a jongere with its
-- five steps. Special-category personal data (health, safety): only the traject's behandelaar and
-- the leerplichtambtenaren and teammanager of its team read or write it, enforced here as the Wpg
-- label is (restrictive policies on both tables); never a school, a partner, the functioneel
-- beheerder, the Jongerenpunt or the privacy officer (whose inzage only says that one exists).
CREATE FUNCTION meldcode_lezer(p_team uuid, p_behandelaar uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT portal.current_user_id() IS NOT NULL
                 AND portal.current_roles() && ARRAY['leerplichtambtenaar', 'teammanager']::text[]
                 AND (p_behandelaar = portal.current_user_id() OR p_team = portal.current_team_id()) $$;

CREATE TABLE meldcode_trajecten (
    tenant_id      text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id             uuid NOT NULL DEFAULT gen_random_uuid(),
    jongere_id     uuid NOT NULL,
    zaak_id        uuid,
    team_id        uuid,
    behandelaar_id uuid NOT NULL DEFAULT current_user_id(),
    gestart_op     timestamptz NOT NULL DEFAULT now(),
    stand          int NOT NULL DEFAULT 0 CHECK (stand BETWEEN 0 AND 5),
    uitkomst       text CHECK (uitkomst IN ('melden', 'melden_en_hulpverlening', 'hulpverlening',
                                            'teammanager')),
    vt_referentie  text,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id),
    FOREIGN KEY (tenant_id, zaak_id) REFERENCES zaken (tenant_id, id)
);
CREATE INDEX meldcode_trajecten_jongere ON meldcode_trajecten (tenant_id, jongere_id);
SELECT enable_tenant_rls('meldcode_trajecten');
CREATE POLICY meldcode_alleen_behandelaars ON meldcode_trajecten AS RESTRICTIVE TO rmc_app
    USING (meldcode_lezer(team_id, behandelaar_id))
    WITH CHECK (meldcode_lezer(team_id, behandelaar_id));
GRANT SELECT, INSERT, UPDATE (stand, uitkomst, vt_referentie) ON meldcode_trajecten TO rmc_app;

CREATE TABLE meldcode_stappen (
    tenant_id      text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id             uuid NOT NULL DEFAULT gen_random_uuid(),
    traject_id     uuid NOT NULL,
    stap           text NOT NULL CHECK (stap IN ('signalen_in_kaart', 'collegiale_consultatie',
                                                 'gesprek', 'weging', 'besluit', 'heropenen')),
    gegevens       jsonb NOT NULL DEFAULT '{}' CHECK (length(gegevens::text) <= 50000),
    -- The traject's team and behandelaar, copied so that the policy needs no look-up.
    team_id        uuid,
    behandelaar_id uuid NOT NULL,
    gezet_door     uuid NOT NULL DEFAULT current_user_id(),
    gezet_op       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, traject_id) REFERENCES meldcode_trajecten (tenant_id, id)
);
CREATE INDEX meldcode_stappen_traject ON meldcode_stappen (tenant_id, traject_id, gezet_op);
SELECT enable_tenant_rls('meldcode_stappen');
CREATE POLICY meldcode_alleen_behandelaars ON meldcode_stappen AS RESTRICTIVE TO rmc_app
    USING (meldcode_lezer(team_id, behandelaar_id))
    WITH CHECK (meldcode_lezer(team_id, behandelaar_id));
GRANT SELECT, INSERT ON meldcode_stappen TO rmc_app;

-- The privacy officer's inzage says that a traject exists, nothing of it.
CREATE FUNCTION meldcode_aantal(p_jongere uuid) RETURNS int
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$ SELECT count(*)::int FROM meldcode_trajecten
          WHERE tenant_id = current_tenant() AND jongere_id = p_jongere
            AND 'privacy_officer' = ANY (current_roles()) $$;
REVOKE ALL ON FUNCTION meldcode_aantal(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION meldcode_aantal(uuid) TO rmc_app;
