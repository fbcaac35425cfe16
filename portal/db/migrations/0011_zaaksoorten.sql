-- The three kinds of case (relatief verzuim, verzuim 18+, absoluut verzuim; DOMAIN §5, §8). A case
-- of absoluut verzuim starts from a signal of the controls and is woongebonden (the signal's team);
-- its deadlines are the signal's. The ernst/oorzaak choice (2016, 3.4) is kept on the case.
-- Deurbezoeken are tasks for the team's leerplichtassistenten (art. 6.4), with their result.

ALTER TABLE zaken
    DROP CONSTRAINT zaken_soort_check,
    ADD CONSTRAINT zaken_soort_check
        CHECK (soort IN ('relatief_verzuim', 'verzuim_18plus', 'absoluut_verzuim')),
    ADD COLUMN signaal_id uuid,
    ADD COLUMN ernstig boolean,
    ADD COLUMN oorzaak text CHECK (oorzaak IN ('onwil', 'onmacht')),
    ADD FOREIGN KEY (tenant_id, signaal_id) REFERENCES signalen (tenant_id, id),
    ADD CONSTRAINT zaken_herkomst CHECK (num_nonnulls(melding_id, signaal_id) = 1);
CREATE UNIQUE INDEX zaken_een_per_signaal ON zaken (tenant_id, signaal_id) WHERE signaal_id IS NOT NULL;
CREATE INDEX zaken_open ON zaken (tenant_id, team_id, status) WHERE status <> 'afgesloten';

CREATE TABLE taken (
    tenant_id    text NOT NULL DEFAULT current_tenant(),
    id           uuid NOT NULL DEFAULT gen_random_uuid(),
    zaak_id      uuid NOT NULL,
    jongere_id   uuid NOT NULL,
    soort        text NOT NULL CHECK (soort IN ('deurbezoek')),
    opdracht     text NOT NULL CHECK (length(btrim(opdracht)) BETWEEN 1 AND 2000),
    team_id      uuid,
    uiterlijk    date NOT NULL,
    status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'afgerond')),
    verslag      text CHECK (length(verslag) <= 5000),
    aangemaakt_door uuid NOT NULL DEFAULT current_user_id(),
    aangemaakt_op timestamptz NOT NULL DEFAULT now(),
    afgerond_door uuid,
    afgerond_op  timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, zaak_id) REFERENCES zaken (tenant_id, id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id),
    FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id),
    CHECK ((status = 'afgerond') = (verslag IS NOT NULL AND afgerond_op IS NOT NULL))
);
CREATE INDEX taken_open ON taken (tenant_id, team_id, uiterlijk) WHERE status = 'open';
SELECT enable_tenant_rls('taken');
-- Tasks are case work: only the case roles see them, whatever the application asks.
CREATE POLICY taken_case_roles ON taken AS RESTRICTIVE
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'leerplichtassistent', 'teammanager']::text[])
    WITH CHECK (current_roles() && ARRAY['leerplichtambtenaar', 'leerplichtassistent', 'teammanager']::text[]);
GRANT SELECT, INSERT ON taken TO rmc_app;
GRANT UPDATE (status, verslag, afgerond_door, afgerond_op) ON taken TO rmc_app;
