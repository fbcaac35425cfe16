-- A leerplichtambtenaar works on the own team's cases and those assigned to them (DESIGN.md's
-- role table). The werkvoorraad already filtered by team, but a case of another team could be
-- read and stepped on by its id. The case now has a behandelaar (the leerplichtambtenaar who
-- opened it; existing cases: their opener when that was one), and the database holds the scope:
-- for a user whose only role is leerplichtambtenaar, a case (and its steps) of another team that
-- is not assigned to them does not exist. The teammanager, the assistant and system jobs keep
-- what they had. The transaction now names the principal's team (`rmc.team_id`).
ALTER TABLE zaken ADD COLUMN behandelaar_id uuid;
ALTER TABLE zaken ADD FOREIGN KEY (tenant_id, behandelaar_id) REFERENCES users (tenant_id, id);
CREATE INDEX zaken_behandelaar ON zaken (tenant_id, behandelaar_id) WHERE behandelaar_id IS NOT NULL;

-- The backfill runs as the owner with row-level security not forced for the moment (a migration
-- has no tenant), restored in the same transaction.
ALTER TABLE zaken NO FORCE ROW LEVEL SECURITY;
ALTER TABLE users NO FORCE ROW LEVEL SECURITY;
UPDATE zaken z SET behandelaar_id = z.geopend_door
FROM users u
WHERE u.id = z.geopend_door AND u.tenant_id = z.tenant_id AND 'leerplichtambtenaar' = ANY (u.roles);
ALTER TABLE zaken FORCE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;

CREATE FUNCTION current_team_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('rmc.team_id', true), '')::uuid $$;

CREATE FUNCTION alleen_leerplichtambtenaar() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT current_user_id() IS NOT NULL
                 AND current_roles() = ARRAY['leerplichtambtenaar']::text[] $$;

-- A step's case, under the case's own policies (runs as the caller; plpgsql, so that its declared
-- cost is what the planner sees, as in 0032).
CREATE FUNCTION zaak_zichtbaar(p_tenant text, p_zaak uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 10
    AS $$ BEGIN
        RETURN EXISTS (SELECT 1 FROM zaken z WHERE z.tenant_id = p_tenant AND z.id = p_zaak);
    END $$;

CREATE POLICY zaken_eigen_team ON zaken AS RESTRICTIVE FOR ALL TO rmc_app
    USING ((SELECT NOT alleen_leerplichtambtenaar())
           OR team_id = (SELECT current_team_id())
           OR behandelaar_id = (SELECT current_user_id()))
    WITH CHECK ((SELECT NOT alleen_leerplichtambtenaar())
                OR team_id = (SELECT current_team_id())
                OR behandelaar_id = (SELECT current_user_id()));
CREATE POLICY zaakstappen_eigen_team ON zaakstappen AS RESTRICTIVE FOR ALL TO rmc_app
    USING ((SELECT NOT alleen_leerplichtambtenaar()) OR zaak_zichtbaar(tenant_id, zaak_id))
    WITH CHECK ((SELECT NOT alleen_leerplichtambtenaar()) OR zaak_zichtbaar(tenant_id, zaak_id));
