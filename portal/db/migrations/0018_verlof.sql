-- Verlof (art. 5; API.md "Schools"): a school's verlofaanvragen, stored in the school's gemeente
-- like its meldingen; and the school holidays per gemeente, which the rule "never in the first two
-- lesweken" needs (the summer holiday of regio Noord is seeded; a functioneel beheerder keeps it).

CREATE TABLE schoolvakanties (
    tenant_id  text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    schooljaar integer NOT NULL CHECK (schooljaar BETWEEN 2000 AND 2100),
    naam       text NOT NULL CHECK (naam IN ('herfst', 'kerst', 'voorjaar', 'mei', 'zomer')),
    van        date NOT NULL,
    tot        date NOT NULL CHECK (tot >= van),
    PRIMARY KEY (tenant_id, schooljaar, naam)
);
COMMENT ON COLUMN schoolvakanties.schooljaar IS 'the school year the holiday ends before (zomer 2026 belongs to 2026: it precedes school year 2026-2027)';
-- Regio Noord's summer holidays (Rijksoverheid), for every gemeente of the region.
INSERT INTO schoolvakanties (tenant_id, schooljaar, naam, van, tot)
SELECT t.id, v.jaar, 'zomer', v.van, v.tot FROM tenants t CROSS JOIN (VALUES
    (2024, DATE '2024-07-20', DATE '2024-09-01'),
    (2025, DATE '2025-07-12', DATE '2025-08-24'),
    (2026, DATE '2026-07-04', DATE '2026-08-16')) AS v (jaar, van, tot);
SELECT enable_tenant_rls('schoolvakanties');
GRANT SELECT, INSERT, UPDATE, DELETE ON schoolvakanties TO rmc_app;

CREATE TABLE verlofaanvragen (
    tenant_id     text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    bsn           text NOT NULL CHECK (is_bsn(bsn)),
    brin          text NOT NULL,
    grond         text NOT NULL CHECK (grond IN ('vakantie', 'wettelijke_verplichting', 'verhuizing',
                      'huwelijk', 'ernstige_ziekte', 'overlijden', 'jubileum', 'overig')),
    eerste_dag    date NOT NULL,
    laatste_dag   date NOT NULL CHECK (laatste_dag >= eerste_dag),
    schooldagen   integer NOT NULL CHECK (schooldagen >= 1),
    buitenland    boolean NOT NULL DEFAULT false,
    graad         smallint CHECK (graad BETWEEN 1 AND 4),
    toelichting   text CHECK (length(toelichting) <= 2000),
    beslisser     text NOT NULL CHECK (beslisser IN ('directeur', 'leerplichtambtenaar')),
    status        text NOT NULL DEFAULT 'in_behandeling'
                      CHECK (status IN ('in_behandeling', 'verleend', 'geweigerd')),
    waarschuwingen text[] NOT NULL DEFAULT '{}',
    besluit_schooldagen integer CHECK (besluit_schooldagen >= 0),
    motivering    text CHECK (length(motivering) <= 2000),
    besloten_op   timestamptz,
    besloten_door uuid,
    ingediend_door uuid DEFAULT current_user_id(),
    ingediend_op  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CHECK ((status = 'in_behandeling') = (besloten_op IS NULL))
);
CREATE INDEX verlofaanvragen_school ON verlofaanvragen (tenant_id, brin, ingediend_op DESC, id);
CREATE INDEX verlofaanvragen_bsn ON verlofaanvragen (bsn, eerste_dag);
SELECT enable_tenant_rls('verlofaanvragen');
-- A school sees its own applications only; the case roles of the gemeente see all.
CREATE POLICY verlof_lezers ON verlofaanvragen AS RESTRICTIVE TO rmc_app
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'teammanager', 'administratief_medewerker']::text[]
           OR brin = current_brin())
    WITH CHECK (current_roles() && ARRAY['leerplichtambtenaar', 'teammanager', 'administratief_medewerker']::text[]
                OR brin = current_brin());
GRANT SELECT, INSERT ON verlofaanvragen TO rmc_app;
GRANT UPDATE (status, besluit_schooldagen, motivering, besloten_op, besloten_door) ON verlofaanvragen TO rmc_app;

-- The 10-schooldagen rule counts the jongere's granted and pending verlof of the school year across
-- all grounds and schools of the region (Lpw art. 13a, 14): a named definer route that answers a
-- school only about a pupil enrolled at its own BRIN, and only with grounds, dates and days.
CREATE POLICY verlof_telling ON verlofaanvragen FOR SELECT TO rmc_owner USING (true);
CREATE FUNCTION verlof_context(p_bsn text, p_brin text, p_datum date)
    RETURNS TABLE (ingeschreven boolean, grond text, eerste_dag date, schooldagen integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$
WITH mag AS (
    SELECT (NOT ('school' = ANY (current_roles())) OR p_brin = current_brin())
       AND EXISTS (SELECT 1 FROM jongeren j JOIN inschrijvingen i
                       ON i.tenant_id = j.tenant_id AND i.jongere_id = j.id
                   WHERE j.bsn = p_bsn AND i.brin = p_brin AND i.datum_inschrijving <= p_datum
                     AND (i.datum_uitschrijving IS NULL OR i.datum_uitschrijving >= p_datum)) AS ok
)
SELECT (SELECT ok FROM mag), NULL, NULL, NULL
UNION ALL
SELECT true, v.grond, v.eerste_dag, coalesce(v.besluit_schooldagen, v.schooldagen)
FROM verlofaanvragen v
WHERE (SELECT ok FROM mag) AND v.bsn = p_bsn AND v.status IN ('in_behandeling', 'verleend')
$$;
REVOKE ALL ON FUNCTION verlof_context(text, text, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION verlof_context(text, text, date) TO rmc_app;
