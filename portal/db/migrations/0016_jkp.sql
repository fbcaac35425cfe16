-- Jongeren in een kwetsbare positie (art. 9a): DUO's yearly startset of jongeren who make a
-- vulnerable transition (from pro, vso, vmbo-basis or mbo-entree), imported per gemeente and
-- monitored in the regular processes; and the Top1000 coupling of art. 2.5.

CREATE TABLE jkp_startset (
    tenant_id      text NOT NULL DEFAULT current_tenant(),
    jongere_id     uuid NOT NULL,
    schooljaar     text NOT NULL CHECK (schooljaar ~ '^20[0-9]{2}-20[0-9]{2}$'),
    herkomst       text NOT NULL CHECK (herkomst IN ('pro', 'vso', 'vmbo_b', 'entree')),
    brin           text,
    uitstroomdatum date NOT NULL,
    bestemming     text CHECK (bestemming IN ('entree', 'mbo2', 'arbeid', 'onbekend')),
    geimporteerd_op timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, jongere_id, schooljaar),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id)
);
SELECT enable_tenant_rls('jkp_startset');
CREATE POLICY jkp_lezers ON jkp_startset AS RESTRICTIVE FOR SELECT TO rmc_app
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'teammanager', 'rmc_coordinator',
                                   'administratief_medewerker']::text[]
           OR current_user_id() IS NULL);
GRANT SELECT, INSERT, UPDATE ON jkp_startset TO rmc_app;
