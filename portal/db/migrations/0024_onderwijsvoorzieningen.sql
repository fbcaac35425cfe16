-- Is an onderwijsvoorziening a school (art. 13)? The question to the Inspectie with its term, the
-- jongeren whose parents rely on it, the advice (which the leerplichtambtenaar follows, 13.2), and
-- the parents informed within 7 days when it is not a school (13.3).

CREATE TABLE onderwijsvoorzieningen (
    tenant_id        text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id               uuid NOT NULL DEFAULT gen_random_uuid(),
    naam             text NOT NULL CHECK (length(btrim(naam)) BETWEEN 1 AND 200),
    adres            text NOT NULL CHECK (length(btrim(adres)) BETWEEN 1 AND 300),
    gevraagd_op      date NOT NULL DEFAULT current_date,
    advies_uiterlijk date NOT NULL,
    advies           text CHECK (advies IN ('school', 'geen_school')),
    advies_op        date,
    ouders_informeren_uiterlijk date,
    ouders_geinformeerd_op date,
    bericht_id       uuid,
    PRIMARY KEY (tenant_id, id)
);
SELECT enable_tenant_rls('onderwijsvoorzieningen');
CREATE POLICY onderwijsvoorziening_rollen ON onderwijsvoorzieningen AS RESTRICTIVE TO rmc_app
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'teammanager']::text[]);
GRANT SELECT, INSERT ON onderwijsvoorzieningen TO rmc_app;
GRANT UPDATE (advies, advies_op, ouders_informeren_uiterlijk, ouders_geinformeerd_op, bericht_id)
    ON onderwijsvoorzieningen TO rmc_app;

CREATE TABLE onderwijsvoorziening_jongeren (
    tenant_id      text NOT NULL DEFAULT current_tenant(),
    voorziening_id uuid NOT NULL,
    jongere_id     uuid NOT NULL,
    PRIMARY KEY (tenant_id, voorziening_id, jongere_id),
    FOREIGN KEY (tenant_id, voorziening_id) REFERENCES onderwijsvoorzieningen (tenant_id, id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id)
);
SELECT enable_tenant_rls('onderwijsvoorziening_jongeren');
GRANT SELECT, INSERT ON onderwijsvoorziening_jongeren TO rmc_app;
