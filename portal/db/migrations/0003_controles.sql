-- Controls of the administration (art. 3.4-3.8): what they find becomes a signal to follow up, with
-- its deadlines as rows so that overdue work can be listed (DESIGN.md "Deadlines are rows").

CREATE TABLE signalen (
    tenant_id  text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id         uuid NOT NULL DEFAULT gen_random_uuid(),
    soort      text NOT NULL CHECK (soort IN ('vermoeden_absoluut_verzuim', 'uitschrijving_zonder_inschrijving')),
    jongere_id uuid NOT NULL,
    brin       text,
    vestiging  text,
    peildatum  date NOT NULL,
    reden      text NOT NULL,
    status     text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'afgehandeld')),
    gevonden_op timestamptz NOT NULL DEFAULT now(),
    team_id    uuid,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id),
    FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
);
-- A control run twice finds nothing new: one open signal per jongere and kind.
CREATE UNIQUE INDEX signalen_open ON signalen (tenant_id, jongere_id, soort) WHERE status = 'open';
SELECT enable_tenant_rls('signalen');
GRANT SELECT, INSERT, UPDATE ON signalen TO rmc_app;

CREATE TABLE termijnen (
    tenant_id  text NOT NULL DEFAULT current_tenant(),
    id         uuid NOT NULL DEFAULT gen_random_uuid(),
    signaal_id uuid NOT NULL,
    soort      text NOT NULL,
    omschrijving text NOT NULL,
    artikel    text NOT NULL,
    dagsoort   text NOT NULL CHECK (dagsoort IN ('kalenderdagen', 'werkdagen', 'schooldagen')),
    uiterlijk  date NOT NULL,
    voldaan_op date,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, signaal_id, soort),
    FOREIGN KEY (tenant_id, signaal_id) REFERENCES signalen (tenant_id, id)
);
CREATE INDEX termijnen_open ON termijnen (tenant_id, uiterlijk) WHERE voldaan_op IS NULL;
SELECT enable_tenant_rls('termijnen');
GRANT SELECT, INSERT, UPDATE ON termijnen TO rmc_app;

-- When the portal first learned of an enrolment and of its end: a school reports either within
-- 7 days (Lpw art. 18; toelichting 3), and the control lists schools that did not.
ALTER TABLE inschrijvingen
    ADD COLUMN gemeld_op timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN uitschrijving_gemeld_op timestamptz;
UPDATE inschrijvingen SET uitschrijving_gemeld_op = gemeld_op WHERE datum_uitschrijving IS NOT NULL;
