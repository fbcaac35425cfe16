-- Kennisgevingen of schools (API.md "Schools"; art. 3.8, 9; Lpw art. 18): in- and uitschrijvingen
-- and (voorgenomen) verwijderingen, stored in the school's gemeente like its meldingen. A notice
-- that came more than 7 days after its date is marked late: the school's shortcoming (art. 3.4-3.6).

CREATE TABLE kennisgevingen (
    tenant_id       text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id              uuid NOT NULL DEFAULT gen_random_uuid(),
    bsn             text NOT NULL CHECK (is_bsn(bsn)),
    jongere_id      uuid,
    brin            text NOT NULL,
    soort           text NOT NULL CHECK (soort IN ('inschrijving', 'uitschrijving',
                        'voorgenomen_verwijdering', 'verwijdering')),
    datum           date NOT NULL,
    bestemming_brin text,
    reden           text CHECK (length(reden) <= 2000),
    te_laat         boolean NOT NULL,
    opvolging       boolean NOT NULL DEFAULT false,
    ingediend_door  uuid DEFAULT current_user_id(),
    ontvangen_op    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id)
);
CREATE INDEX kennisgevingen_school ON kennisgevingen (tenant_id, brin, ontvangen_op DESC, id);
CREATE INDEX kennisgevingen_jongere ON kennisgevingen (tenant_id, jongere_id) WHERE jongere_id IS NOT NULL;
SELECT enable_tenant_rls('kennisgevingen');
CREATE POLICY kennisgeving_lezers ON kennisgevingen AS RESTRICTIVE TO rmc_app
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'teammanager', 'administratief_medewerker']::text[]
           OR brin = current_brin())
    WITH CHECK (current_roles() && ARRAY['leerplichtambtenaar', 'teammanager', 'administratief_medewerker']::text[]
                OR brin = current_brin());
GRANT SELECT, INSERT ON kennisgevingen TO rmc_app;
