-- 0028 wrote the regional VSV read as `tenant_id = ANY (CASE … END)`. Where no index serves the
-- query (a filter over many rows, as in building the list), PostgreSQL evaluated that CASE, with
-- its three function calls, once per row. As a sub-select it is an InitPlan: evaluated once per
-- query, and still usable as an index key. Who may read what is unchanged.
DO $$
DECLARE
    tabel text;
BEGIN
    FOREACH tabel IN ARRAY ARRAY['jongeren', 'inschrijvingen', 'diplomas', 'overdrachten', 'zaken']
    LOOP
        EXECUTE format($policy$
            ALTER POLICY vsv_regionaal_lezen ON %I
                USING (tenant_id = ANY ((SELECT CASE WHEN 'rmc_coordinator' = ANY (current_roles())
                                                          AND current_purpose() = 'vsv-lijst bouwen'
                                                          AND is_contactgemeente(current_tenant())
                                                     THEN regio_tenants()
                                                     ELSE '{}'::text[] END)::text[]))
            $policy$, tabel);
    END LOOP;
END
$$;
