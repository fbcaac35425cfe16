-- Leerlingenadministratie (Ambtsinstructie art. 3, 4): schools as shared reference data; per tenant
-- the jongeren from the BRP, their enrolments and diplomas, vrijstelling periods, and the handover
-- of the school history when a jongere moves out of the region (art. 3.9).
-- Tables below jongeren get their tenant through the composite key (tenant_id, jongere_id): a
-- separate foreign key to tenants would only cost a trigger per imported row.

-- Safe checks used by imports: no exceptions (a subtransaction per row would be slow), and CASE
-- so that a cast only runs after the pattern matched (AND does not promise an order).
CREATE FUNCTION is_iso_date(t text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE
             WHEN t IS NULL OR t !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN false
             WHEN substr(t, 6, 2)::int NOT BETWEEN 1 AND 12 THEN false
             WHEN substr(t, 1, 4)::int NOT BETWEEN 1900 AND 2200 THEN false
             ELSE substr(t, 9, 2)::int BETWEEN 1 AND extract(day FROM
                  make_date(substr(t, 1, 4)::int, substr(t, 6, 2)::int, 1)
                  + interval '1 month - 1 day')::int
           END $$;

-- The elfproef (portal/domain/bsn.py holds the same rule for the application).
CREATE FUNCTION is_bsn(t text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE
             WHEN t IS NULL OR t !~ '^[0-9]{9}$' OR t = '000000000' THEN false
             ELSE (9 * substr(t, 1, 1)::int + 8 * substr(t, 2, 1)::int
                 + 7 * substr(t, 3, 1)::int + 6 * substr(t, 4, 1)::int
                 + 5 * substr(t, 5, 1)::int + 4 * substr(t, 6, 1)::int
                 + 3 * substr(t, 7, 1)::int + 2 * substr(t, 8, 1)::int
                 - substr(t, 9, 1)::int) % 11 = 0
           END $$;

CREATE TABLE scholen (
    brin           text NOT NULL CHECK (brin ~ '^[0-9]{2}[A-Z0-9]{2}$'),
    vestiging      text NOT NULL CHECK (vestiging ~ '^[0-9]{2}$'),
    naam           text NOT NULL,
    onderwijssoort text NOT NULL
                   CHECK (onderwijssoort IN ('po', 'so', 'vso', 'pro', 'vmbo', 'havo', 'vwo', 'mbo', 'ho')),
    gemeentecode   text NOT NULL CHECK (gemeentecode ~ '^[0-9]{4}$'),
    team           text,
    PRIMARY KEY (brin, vestiging)
);
GRANT SELECT, INSERT, UPDATE ON scholen TO rmc_app;

CREATE TABLE jongeren (
    tenant_id     text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    bsn           text NOT NULL CHECK (is_bsn(bsn)),
    voornamen     text NOT NULL,
    voorvoegsel   text,
    geslachtsnaam text NOT NULL,
    geboortedatum date NOT NULL,
    geslacht      text CHECK (geslacht IN ('M', 'V', 'O')),
    gemeentecode  text NOT NULL CHECK (gemeentecode ~ '^[0-9]{4}$'),
    postcode      text,
    huisnummer    text,
    woonplaats    text,
    team_id       uuid,
    ouder1_bsn    text CHECK (ouder1_bsn IS NULL OR is_bsn(ouder1_bsn)),
    ouder1_naam   text,
    ouder2_bsn    text CHECK (ouder2_bsn IS NULL OR is_bsn(ouder2_bsn)),
    ouder2_naam   text,
    bijgewerkt_op timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, bsn),
    FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
);
CREATE INDEX jongeren_geboortedatum ON jongeren (tenant_id, geboortedatum);
CREATE INDEX jongeren_naam ON jongeren (tenant_id, lower(geslachtsnaam));
SELECT enable_tenant_rls('jongeren');
GRANT SELECT, INSERT, UPDATE ON jongeren TO rmc_app;

CREATE TABLE inschrijvingen (
    tenant_id           text NOT NULL DEFAULT current_tenant(),
    id                  uuid NOT NULL DEFAULT gen_random_uuid(),
    jongere_id          uuid NOT NULL,
    brin                text NOT NULL,
    vestiging           text NOT NULL DEFAULT '00',
    onderwijssoort      text NOT NULL
                        CHECK (onderwijssoort IN ('po', 'so', 'vso', 'pro', 'vmbo', 'havo', 'vwo', 'mbo', 'ho')),
    leerjaar            smallint CHECK (leerjaar BETWEEN 0 AND 12),
    datum_inschrijving  date NOT NULL,
    datum_uitschrijving date CHECK (datum_uitschrijving IS NULL OR datum_uitschrijving >= datum_inschrijving),
    bijgewerkt_op       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, jongere_id, brin, vestiging, datum_inschrijving),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id),
    FOREIGN KEY (brin, vestiging) REFERENCES scholen (brin, vestiging)
);
CREATE INDEX inschrijvingen_school ON inschrijvingen (tenant_id, brin, vestiging);
SELECT enable_tenant_rls('inschrijvingen');
GRANT SELECT, INSERT, UPDATE ON inschrijvingen TO rmc_app;

CREATE TABLE diplomas (
    tenant_id  text NOT NULL DEFAULT current_tenant(),
    id         uuid NOT NULL DEFAULT gen_random_uuid(),
    jongere_id uuid NOT NULL,
    diploma    text NOT NULL CHECK (diploma IN ('havo', 'vwo', 'mbo1', 'mbo2', 'mbo3', 'mbo4', 'vmbo')),
    datum      date NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, jongere_id, diploma, datum),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id)
);
SELECT enable_tenant_rls('diplomas');
GRANT SELECT, INSERT, UPDATE ON diplomas TO rmc_app;

-- Periods in which a jongere is vrijgesteld (Lpw art. 5, 15) or has vervangende leerplicht; the
-- werkproces around them (kennisgeving, deskundige, DUO registration) comes with its own issue.
CREATE TABLE vrijstellingen (
    tenant_id  text NOT NULL DEFAULT current_tenant(),
    id         uuid NOT NULL DEFAULT gen_random_uuid(),
    jongere_id uuid NOT NULL,
    grond      text NOT NULL CHECK (grond IN ('5a', '5b', '5c', '15', '3a', '3b')),
    van        date NOT NULL,
    tot        date CHECK (tot IS NULL OR tot >= van),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id)
);
CREATE INDEX vrijstellingen_jongere ON vrijstellingen (tenant_id, jongere_id, van, tot);
SELECT enable_tenant_rls('vrijstellingen');
GRANT SELECT, INSERT, UPDATE ON vrijstellingen TO rmc_app;

-- A jongere who moved to a gemeente outside the region: the administrative school history goes to
-- the new woongemeente (art. 3.9). Recorded by the BRP import; sent through the outbox later.
CREATE TABLE woongemeente_overdrachten (
    tenant_id         text NOT NULL DEFAULT current_tenant(),
    id                uuid NOT NULL DEFAULT gen_random_uuid(),
    jongere_id        uuid NOT NULL,
    naar_gemeentecode text NOT NULL CHECK (naar_gemeentecode ~ '^[0-9]{4}$'),
    geconstateerd_op  date NOT NULL DEFAULT current_date,
    status            text NOT NULL DEFAULT 'te_versturen' CHECK (status IN ('te_versturen', 'verstuurd')),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, jongere_id, naar_gemeentecode),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id)
);
SELECT enable_tenant_rls('woongemeente_overdrachten');
GRANT SELECT, INSERT, UPDATE ON woongemeente_overdrachten TO rmc_app;
