-- The regional VSV read (named policy vsv_regionaal_lezen, 0012/0015) was a boolean condition
-- beside tenant_isolation; PostgreSQL ORs permissive policies, so every query on these tables had
-- `tenant_id = current_tenant() OR <roles and purpose>` and no index on (tenant_id, …) could serve
-- it: a dossier lookup by id scanned the whole index. The same rule is now written as a condition
-- on tenant_id (all the region's tenants, or none), which an index can take on either side of the
-- OR. Who may read what is unchanged: the contactgemeente's RMC-coördinator, in the transaction
-- whose purpose is building the list, reads the region; nobody else reads anything through it.

CREATE FUNCTION regio_tenants() RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT array_agg(id ORDER BY id) FROM tenants $$;

ALTER POLICY vsv_regionaal_lezen ON jongeren
    USING (tenant_id = ANY (CASE WHEN 'rmc_coordinator' = ANY (current_roles())
                                      AND current_purpose() = 'vsv-lijst bouwen'
                                      AND is_contactgemeente(current_tenant())
                                 THEN regio_tenants() ELSE '{}'::text[] END));
ALTER POLICY vsv_regionaal_lezen ON inschrijvingen
    USING (tenant_id = ANY (CASE WHEN 'rmc_coordinator' = ANY (current_roles())
                                      AND current_purpose() = 'vsv-lijst bouwen'
                                      AND is_contactgemeente(current_tenant())
                                 THEN regio_tenants() ELSE '{}'::text[] END));
ALTER POLICY vsv_regionaal_lezen ON diplomas
    USING (tenant_id = ANY (CASE WHEN 'rmc_coordinator' = ANY (current_roles())
                                      AND current_purpose() = 'vsv-lijst bouwen'
                                      AND is_contactgemeente(current_tenant())
                                 THEN regio_tenants() ELSE '{}'::text[] END));
ALTER POLICY vsv_regionaal_lezen ON overdrachten
    USING (tenant_id = ANY (CASE WHEN 'rmc_coordinator' = ANY (current_roles())
                                      AND current_purpose() = 'vsv-lijst bouwen'
                                      AND is_contactgemeente(current_tenant())
                                 THEN regio_tenants() ELSE '{}'::text[] END));
ALTER POLICY vsv_regionaal_lezen ON zaken
    USING (tenant_id = ANY (CASE WHEN 'rmc_coordinator' = ANY (current_roles())
                                      AND current_purpose() = 'vsv-lijst bouwen'
                                      AND is_contactgemeente(current_tenant())
                                 THEN regio_tenants() ELSE '{}'::text[] END));
