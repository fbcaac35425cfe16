-- The monthly VSV list of the region (art. 9a; API.md "RMC" and "Regiogemeenten"). It is the
-- contactgemeente's list: its rows live in that tenant, each with the jongere's woongemeente.
-- Three named cross-tenant routes, each as narrow as the law's:
--   vsv_regionaal_lezen   the contactgemeente's RMC-coördinator reads the region's jongeren,
--                         enrolments and diplomas, only in the transaction that builds the list;
--   vsv_eigen_inwoners    a regiogemeente reads the rows of its own residents;
--   vsv_lijst_regio       a regiogemeente sees that a month's list exists (no personal data).
-- Within the contactgemeente, only the RMC-coördinator (and the system's own merge of the
-- Inlichtingenbureau's answer) sees other gemeenten's residents.

CREATE FUNCTION current_purpose() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('rmc.purpose', true), '') $$;

CREATE FUNCTION is_contactgemeente(p_tenant text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce((SELECT contactgemeente FROM tenants WHERE id = p_tenant), false) $$;

CREATE POLICY vsv_regionaal_lezen ON jongeren FOR SELECT TO rmc_app
    USING ('rmc_coordinator' = ANY (current_roles()) AND current_purpose() = 'vsv-lijst bouwen'
           AND is_contactgemeente(current_tenant()));
CREATE POLICY vsv_regionaal_lezen ON inschrijvingen FOR SELECT TO rmc_app
    USING ('rmc_coordinator' = ANY (current_roles()) AND current_purpose() = 'vsv-lijst bouwen'
           AND is_contactgemeente(current_tenant()));
CREATE POLICY vsv_regionaal_lezen ON diplomas FOR SELECT TO rmc_app
    USING ('rmc_coordinator' = ANY (current_roles()) AND current_purpose() = 'vsv-lijst bouwen'
           AND is_contactgemeente(current_tenant()));

CREATE TABLE vsv_lijsten (
    tenant_id    text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    maand        text NOT NULL CHECK (maand ~ '^20[0-9]{2}-(0[1-9]|1[0-2])$'),
    lijst_id     uuid NOT NULL DEFAULT gen_random_uuid(),
    status       text NOT NULL DEFAULT 'gebouwd' CHECK (status IN ('gebouwd', 'verrijkt')),
    aantal       integer NOT NULL CHECK (aantal >= 0),
    gebouwd_op   timestamptz NOT NULL DEFAULT now(),
    gebouwd_door uuid DEFAULT current_user_id(),
    bericht_id   uuid,
    verrijkt_op  timestamptz,
    PRIMARY KEY (tenant_id, maand)
);
SELECT enable_tenant_rls('vsv_lijsten');
CREATE POLICY vsv_lijst_regio ON vsv_lijsten FOR SELECT TO rmc_app
    USING ('regiogemeente' = ANY (current_roles()));
GRANT SELECT, INSERT, UPDATE ON vsv_lijsten TO rmc_app;

CREATE TABLE vsv_regels (
    tenant_id           text NOT NULL DEFAULT current_tenant(),
    maand               text NOT NULL,
    woongemeente        text NOT NULL REFERENCES tenants (id),
    bsn                 text NOT NULL CHECK (is_bsn(bsn)),
    jongere_id          uuid NOT NULL,
    voornamen           text NOT NULL,
    voorvoegsel         text,
    geslachtsnaam       text NOT NULL,
    geboortedatum       date NOT NULL,
    laatste_brin        text NOT NULL,
    laatste_vestiging   text NOT NULL,
    laatste_school      text,
    datum_uitschrijving date NOT NULL,
    inkomen             text CHECK (inkomen IN ('geen', 'tot_300', 'boven_300', 'uitkering', 'wajong', 'onbekend')),
    PRIMARY KEY (tenant_id, maand, woongemeente, bsn),
    FOREIGN KEY (tenant_id, maand) REFERENCES vsv_lijsten (tenant_id, maand)
);
SELECT enable_tenant_rls('vsv_regels');
CREATE POLICY vsv_eigen_inwoners ON vsv_regels FOR SELECT TO rmc_app
    USING ('regiogemeente' = ANY (current_roles()) AND woongemeente = current_tenant());
-- The system itself (no user: the worker merging the Inlichtingenbureau's answer) sees the list whole.
CREATE POLICY vsv_regels_lezers ON vsv_regels AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ('rmc_coordinator' = ANY (current_roles()) OR woongemeente = current_tenant()
           OR current_user_id() IS NULL);
GRANT SELECT, INSERT, DELETE ON vsv_regels TO rmc_app;
GRANT UPDATE (inkomen) ON vsv_regels TO rmc_app;
