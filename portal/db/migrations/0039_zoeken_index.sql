-- The name search under row-level security: `@>` on an array is not leakproof, so PostgreSQL will
-- not use it as an index condition beneath the policies of jongeren and instead filters every
-- jongere of the gemeente (64 ms, and a second per page under load, on the 350,000-jongeren
-- benchmark). This function, owned by rmc_owner, reads the GIN index of migration 0036 for the
-- current tenant and returns ids only; the caller's query then reads those jongeren under its own
-- policies, so it shows exactly what the reader may see, as before. A reader who keeps no
-- dossiers (a school, a partner, the beheerder) gets no ids at all.
CREATE FUNCTION jongeren_met_naam(p_woorden text[]) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$ SELECT j.id FROM jongeren j
          WHERE j.tenant_id = current_tenant() AND j.zoekbegin @> p_woorden
            AND NOT zonder_dossier() $$;
REVOKE ALL ON FUNCTION jongeren_met_naam(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jongeren_met_naam(text[]) TO rmc_app;
