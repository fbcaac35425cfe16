-- Leerlingdossier: the werklogboek (2016, 3.8): every step of a werkproces, facts only, with
-- author, date, with whom or what, result, and the next action with who and when. Append-only:
-- a correction is a new entry, so the dossier shows what was known when.

CREATE TABLE werklogboek (
    tenant_id       text NOT NULL DEFAULT current_tenant(),
    id              uuid NOT NULL DEFAULT gen_random_uuid(),
    jongere_id      uuid NOT NULL,
    auteur_id       uuid NOT NULL DEFAULT current_user_id(),
    auteur_naam     text NOT NULL,
    datum           date NOT NULL,
    met_wie_wat     text NOT NULL CHECK (length(met_wie_wat) BETWEEN 1 AND 500),
    resultaat       text NOT NULL CHECK (length(resultaat) BETWEEN 1 AND 5000),
    vervolgactie    text CHECK (length(vervolgactie) <= 1000),
    vervolg_wie     text CHECK (length(vervolg_wie) <= 200),
    vervolg_wanneer date CHECK (vervolg_wanneer IS NULL OR vervolg_wanneer >= datum),
    vastgelegd_op   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id)
);
CREATE INDEX werklogboek_jongere ON werklogboek (tenant_id, jongere_id, datum DESC);
SELECT enable_tenant_rls('werklogboek');
-- Case notes only for case work (DESIGN.md role table): not for the administratief medewerker,
-- the functioneel beheerder, schools or partners, whatever the application asks.
-- Appending is also open to the system itself (no user): it records partners' answers.
CREATE POLICY werklogboek_case_roles ON werklogboek AS RESTRICTIVE
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'leerplichtassistent', 'teammanager']::text[])
    WITH CHECK (current_roles() && ARRAY['leerplichtambtenaar', 'leerplichtassistent', 'teammanager']::text[]
                OR current_user_id() IS NULL);
GRANT SELECT, INSERT ON werklogboek TO rmc_app;
