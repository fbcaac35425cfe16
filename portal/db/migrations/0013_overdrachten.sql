-- Overdrachten of VSV'ers to the Jongerenpunt (art. 9a, 23; API.md "Jongerenpunt"). The handover
-- set is copied at the offer (name, birth date, contact, reason): the Jongerenpunt reads this table
-- only, never the dossier. The leerplichtambtenaar checks by `controle_uiterlijk` that the jongere
-- was actually taken into mediation (art. 23, regierol).

CREATE TABLE overdrachten (
    tenant_id          text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    id                 uuid NOT NULL DEFAULT gen_random_uuid(),
    jongere_id         uuid NOT NULL,
    naam               text NOT NULL,
    geboortedatum      date NOT NULL,
    contact            text NOT NULL,
    reden              text NOT NULL CHECK (length(btrim(reden)) BETWEEN 1 AND 500),
    toelichting        text CHECK (length(toelichting) <= 2000),
    status             text NOT NULL DEFAULT 'aangeboden'
                           CHECK (status IN ('aangeboden', 'geaccepteerd', 'afgewezen')),
    besluit_reden      text CHECK (length(besluit_reden) <= 500),
    besloten_op        timestamptz,
    besloten_door      uuid,
    bemiddeling        text CHECK (bemiddeling IN ('in_bemiddeling', 'niet_bereikt', 'afgerond')),
    bemiddeling_datum  date,
    controle_uiterlijk date,
    aangeboden_door    uuid NOT NULL DEFAULT current_user_id(),
    aangeboden_op      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id),
    CHECK ((status = 'aangeboden') = (besloten_op IS NULL)),
    CHECK (bemiddeling IS NULL OR status = 'geaccepteerd')
);
-- One open overdracht per jongere: offered, or accepted and not yet finished.
CREATE UNIQUE INDEX overdrachten_open ON overdrachten (tenant_id, jongere_id)
    WHERE status = 'aangeboden' OR (status = 'geaccepteerd' AND coalesce(bemiddeling, '') <> 'afgerond');
CREATE INDEX overdrachten_lijst ON overdrachten (tenant_id, status, aangeboden_op DESC, id);
SELECT enable_tenant_rls('overdrachten');
CREATE POLICY overdrachten_rollen ON overdrachten AS RESTRICTIVE
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'teammanager', 'rmc_coordinator', 'jongerenpunt']::text[]);
GRANT SELECT, INSERT ON overdrachten TO rmc_app;
GRANT UPDATE (status, besluit_reden, besloten_op, besloten_door, bemiddeling, bemiddeling_datum,
              controle_uiterlijk) ON overdrachten TO rmc_app;

-- The Jongerenpunt's answers go into the werklogboek (the leerplichtambtenaar's regierol); it may
-- append there, never read it.
ALTER POLICY werklogboek_case_roles ON werklogboek
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'leerplichtassistent', 'teammanager']::text[])
    WITH CHECK (current_roles() && ARRAY['leerplichtambtenaar', 'leerplichtassistent', 'teammanager', 'jongerenpunt']::text[]
                OR current_user_id() IS NULL);
