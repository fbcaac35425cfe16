-- Verzuimmeldingen (DOMAIN.md §3; API.md "Schools"). A melding lives in the tenant of the school's
-- gemeente (schoolgebonden, 2016 1.4), whatever gemeente the jongere lives in.

CREATE TABLE meldingen (
    tenant_id              text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id                     uuid NOT NULL DEFAULT gen_random_uuid(),
    bsn                    text NOT NULL CHECK (is_bsn(bsn)),
    jongere_id             uuid,
    brin                   text NOT NULL,
    vestiging              text NOT NULL DEFAULT '00',
    soort                  text NOT NULL CHECK (soort IN ('16_uur_in_4_weken', 'langdurig_relatief', 'rmc', 'luxe', 'overig')),
    wettelijk              boolean NOT NULL,
    periode_van            date NOT NULL,
    periode_tot            date NOT NULL CHECK (periode_tot >= periode_van),
    verzuimde_uren         integer CHECK (verzuimde_uren >= 0),
    verzuimde_dagen        integer CHECK (verzuimde_dagen >= 0),
    alle_lessen_gemist     boolean NOT NULL DEFAULT false,
    vermoedelijke_reden    text,
    ondernomen_actie       text NOT NULL CHECK (length(btrim(ondernomen_actie)) > 0),
    actie_gemeente_gewenst boolean NOT NULL DEFAULT true,
    toelichting            text,
    melder                 jsonb NOT NULL,
    kanaal                 text NOT NULL DEFAULT 'portaal' CHECK (kanaal IN ('portaal', 'duo')),
    status                 text NOT NULL DEFAULT 'geregistreerd' CHECK (status IN ('geregistreerd', 'in_behandeling', 'afgesloten', 'ingetrokken', 'ter_kennisgeving_aangenomen')),
    reden_afgesloten       text,
    team_id                uuid,
    ingediend_door         uuid DEFAULT current_user_id(),
    ontvangen_op           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id),
    FOREIGN KEY (brin, vestiging) REFERENCES scholen (brin, vestiging),
    FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
);
CREATE INDEX meldingen_school ON meldingen (tenant_id, brin, vestiging, ontvangen_op DESC, id);
SELECT enable_tenant_rls('meldingen');
GRANT SELECT, INSERT, UPDATE ON meldingen TO rmc_app;

-- A deadline belongs to a signal of the controls or to a melding: exactly one of them.
ALTER TABLE termijnen
    ALTER COLUMN signaal_id DROP NOT NULL,
    ADD COLUMN melding_id uuid,
    ADD FOREIGN KEY (tenant_id, melding_id) REFERENCES meldingen (tenant_id, id),
    ADD CONSTRAINT termijnen_een_eigenaar CHECK (num_nonnulls(signaal_id, melding_id) = 1),
    ADD UNIQUE (tenant_id, melding_id, soort);

-- The school's BRIN joins the transaction's settings, for the lookup below.
CREATE FUNCTION current_brin() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('rmc.brin', true), '') $$;

-- The one cross-tenant read of intake (a named route of the law: schoolgebonden handling): is this
-- BSN enrolled at this school on this day, in whatever gemeente the jongere lives; and only then,
-- the birth date and the first startkwalificatie, which the rules of a melding need. A school user
-- may ask only about its own BRIN.
CREATE POLICY melding_intake_lookup ON jongeren FOR SELECT TO rmc_owner USING (true);
CREATE POLICY melding_intake_lookup ON inschrijvingen FOR SELECT TO rmc_owner USING (true);
CREATE POLICY melding_intake_lookup ON diplomas FOR SELECT TO rmc_owner USING (true);

CREATE FUNCTION melding_context(p_bsn text, p_brin text, p_vestiging text, p_datum date)
    RETURNS TABLE (ingeschreven boolean, geboortedatum date, startkwalificatie_sinds date)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$
WITH toegestaan AS (
    SELECT NOT ('school' = ANY (current_roles())) OR p_brin = current_brin() AS ok
), inschrijving AS (
    SELECT j.geboortedatum, j.tenant_id, j.id
    FROM jongeren j JOIN inschrijvingen i ON i.tenant_id = j.tenant_id AND i.jongere_id = j.id
    WHERE j.bsn = p_bsn AND i.brin = p_brin AND i.vestiging = p_vestiging
      AND i.datum_inschrijving <= p_datum
      AND (i.datum_uitschrijving IS NULL OR i.datum_uitschrijving >= p_datum)
    LIMIT 1
)
SELECT (SELECT ok FROM toegestaan) AND EXISTS (SELECT 1 FROM inschrijving),
       (SELECT geboortedatum FROM inschrijving WHERE (SELECT ok FROM toegestaan)),
       (SELECT min(d.datum) FROM diplomas d JOIN inschrijving x
            ON d.tenant_id = x.tenant_id AND d.jongere_id = x.id
        WHERE (SELECT ok FROM toegestaan)
          AND d.diploma IN ('havo', 'vwo', 'mbo2', 'mbo3', 'mbo4'))
$$;
REVOKE ALL ON FUNCTION melding_context(text, text, text, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION melding_context(text, text, text, date) TO rmc_app;
