-- Letters (brieven): rendered from a template per tenant to PDF and kept in the dossier with their
-- SHA-256, so that what was sent can be shown exactly and proven unchanged. A copy to the school is
-- marked where the article says so (waarschuwingsbrief, art. 6.5); Wpg letters for BOAs only.

CREATE TABLE brief_sjablonen (
    tenant_id text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    soort     text NOT NULL,
    inhoud    text NOT NULL CHECK (length(inhoud) BETWEEN 1 AND 100000),
    gewijzigd_op timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, soort)
);
SELECT enable_tenant_rls('brief_sjablonen');
GRANT SELECT, INSERT, UPDATE ON brief_sjablonen TO rmc_app;

CREATE TABLE brieven (
    tenant_id    text NOT NULL DEFAULT current_tenant(),
    id           uuid NOT NULL DEFAULT gen_random_uuid(),
    jongere_id   uuid NOT NULL,
    zaak_id      uuid,
    soort        text NOT NULL,
    titel        text NOT NULL,
    pdf          bytea NOT NULL,
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    kopie_school boolean NOT NULL DEFAULT false,
    brin         text,
    vestiging    text,
    wpg          boolean NOT NULL DEFAULT false,
    opgesteld_door uuid DEFAULT current_user_id(),
    opgesteld_op timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id),
    FOREIGN KEY (tenant_id, zaak_id) REFERENCES zaken (tenant_id, id),
    CHECK (NOT kopie_school OR brin IS NOT NULL)
);
CREATE INDEX brieven_jongere ON brieven (tenant_id, jongere_id, opgesteld_op DESC);
CREATE INDEX brieven_school ON brieven (tenant_id, brin, vestiging) WHERE kopie_school;
SELECT enable_tenant_rls('brieven');
CREATE POLICY brieven_wpg_alleen_boa ON brieven AS RESTRICTIVE
    USING (NOT wpg OR current_is_boa()) WITH CHECK (NOT wpg OR current_is_boa());
-- Case roles read every letter of their gemeente; a school only the copies sent to it.
CREATE POLICY brieven_lezers ON brieven AS RESTRICTIVE
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'leerplichtassistent', 'teammanager']::text[]
           OR (kopie_school AND brin = current_brin()));
GRANT SELECT, INSERT ON brieven TO rmc_app;
