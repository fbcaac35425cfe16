-- The Top1000 coupling (art. 2.5): a jongere of 12-23 in the Top1000-aanpak and who handles them:
-- a named leerplichtambtenaar under 18, the schoolgebonden team from 18.

CREATE TABLE top1000 (
    tenant_id              text NOT NULL DEFAULT current_tenant(),
    jongere_id             uuid NOT NULL,
    leerplichtambtenaar_id uuid,
    team                   text,
    gemeentecode           text,
    toelichting            text NOT NULL,
    gekoppeld_door         uuid NOT NULL DEFAULT current_user_id(),
    gekoppeld_op           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, jongere_id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id)
);
SELECT enable_tenant_rls('top1000');
CREATE POLICY top1000_lezers ON top1000 AS RESTRICTIVE
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'teammanager']::text[]);
GRANT SELECT, INSERT, UPDATE ON top1000 TO rmc_app;
