-- Kennisgevingen of vrijstelling (art. 11-14; Lpw art. 5 a, b, c and 15) and what the
-- leerplichtambtenaar established; a valid one becomes a row of `vrijstellingen`, which the
-- absoluut verzuim control already respects for its period.

CREATE TABLE vrijstelling_kennisgevingen (
    tenant_id        text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id               uuid NOT NULL DEFAULT gen_random_uuid(),
    jongere_id       uuid NOT NULL,
    grond            text NOT NULL CHECK (grond IN ('5a', '5b', '5c', '15')),
    ontvangen_op     date NOT NULL,
    toelichting      text CHECK (length(toelichting) <= 5000),
    toestemming_deskundige boolean NOT NULL DEFAULT false,
    verklaring_deskundige_op date,
    eerder_ingeschreven_onderzocht boolean NOT NULL DEFAULT false,
    defensiepersoneelnummer text CHECK (length(defensiepersoneelnummer) <= 30),
    status           text NOT NULL DEFAULT 'in_behandeling'
                         CHECK (status IN ('in_behandeling', 'geldig', 'ongeldig')),
    van              date,
    tot              date,
    hernieuwen_voor  date,
    inschrijven_uiterlijk date,
    motivering       text CHECK (length(motivering) <= 5000),
    vrijstelling_id  uuid,
    besloten_op      timestamptz,
    geregistreerd_door uuid NOT NULL DEFAULT current_user_id(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id),
    FOREIGN KEY (tenant_id, vrijstelling_id) REFERENCES vrijstellingen (tenant_id, id)
);
SELECT enable_tenant_rls('vrijstelling_kennisgevingen');
CREATE POLICY vrijstelling_rollen ON vrijstelling_kennisgevingen AS RESTRICTIVE TO rmc_app
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'teammanager', 'administratief_medewerker']::text[]);
GRANT SELECT, INSERT ON vrijstelling_kennisgevingen TO rmc_app;
GRANT UPDATE (toestemming_deskundige, verklaring_deskundige_op, eerder_ingeschreven_onderzocht,
              defensiepersoneelnummer, status, van, tot, hernieuwen_voor, inschrijven_uiterlijk,
              motivering, vrijstelling_id, besloten_op)
    ON vrijstelling_kennisgevingen TO rmc_app;
