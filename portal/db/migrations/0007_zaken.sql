-- Cases (zaken) of relatief verzuim and their steps. The state machine is pure code
-- (portal/domain/zaak.py); here live its current status and the steps taken, with the reason for a
-- departure from the method. Steps of a BOA in that capacity (Halt, verhoor, proces-verbaal) carry
-- the Wpg label and are readable only by BOAs, in the database too (toelichting 4).

CREATE TABLE zaken (
    tenant_id     text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    jongere_id    uuid NOT NULL,
    melding_id    uuid,
    soort         text NOT NULL DEFAULT 'relatief_verzuim' CHECK (soort IN ('relatief_verzuim')),
    status        text NOT NULL DEFAULT 'ontvangen',
    ernst_oorzaak text CHECK (ernst_oorzaak IN ('adviseur', 'handhaver', 'regisseur')),
    team_id       uuid,
    geopend_door  uuid DEFAULT current_user_id(),
    geopend_op    timestamptz NOT NULL DEFAULT now(),
    gesloten_op   timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id),
    FOREIGN KEY (tenant_id, melding_id) REFERENCES meldingen (tenant_id, id),
    FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
);
CREATE UNIQUE INDEX zaken_een_per_melding ON zaken (tenant_id, melding_id) WHERE melding_id IS NOT NULL;
SELECT enable_tenant_rls('zaken');
GRANT SELECT, INSERT, UPDATE ON zaken TO rmc_app;

CREATE TABLE zaakstappen (
    tenant_id   text NOT NULL DEFAULT current_tenant(),
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    zaak_id     uuid NOT NULL,
    actie       text NOT NULL,
    van_status  text NOT NULL,
    naar_status text NOT NULL,
    afwijking   boolean NOT NULL DEFAULT false,
    uitleg      text,
    wpg         boolean NOT NULL DEFAULT false,
    gezet_door  uuid NOT NULL DEFAULT current_user_id(),
    gezet_op    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, zaak_id) REFERENCES zaken (tenant_id, id),
    CHECK (NOT afwijking OR length(btrim(uitleg)) > 0)
);
CREATE INDEX zaakstappen_zaak ON zaakstappen (tenant_id, zaak_id, gezet_op);
SELECT enable_tenant_rls('zaakstappen');
CREATE POLICY wpg_alleen_boa ON zaakstappen AS RESTRICTIVE
    USING (NOT wpg OR current_is_boa())
    WITH CHECK (NOT wpg OR current_is_boa());
GRANT SELECT, INSERT ON zaakstappen TO rmc_app;

-- The werklogboek entry of a Wpg step is Wpg-labelled as well.
ALTER TABLE werklogboek ADD COLUMN wpg boolean NOT NULL DEFAULT false;
CREATE POLICY werklogboek_wpg_alleen_boa ON werklogboek AS RESTRICTIVE
    USING (NOT wpg OR current_is_boa())
    WITH CHECK (NOT wpg OR current_is_boa());
