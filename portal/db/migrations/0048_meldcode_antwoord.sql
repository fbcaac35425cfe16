-- Veilig Thuis's answer on a meldcode melding (its kenmerk, later the outcome) arrives on a partner
-- callback and is written by the system, which the reader rule must let through: a transaction
-- without a user and without roles is the portal itself (the worker, a callback), never a person.
CREATE OR REPLACE FUNCTION meldcode_lezer(p_team uuid, p_behandelaar uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT (portal.current_user_id() IS NULL AND portal.current_roles() = '{}'::text[])
                 OR (portal.current_user_id() IS NOT NULL
                     AND portal.current_roles() && ARRAY['leerplichtambtenaar', 'teammanager']::text[]
                     AND (p_behandelaar = portal.current_user_id()
                          OR p_team = portal.current_team_id())) $$;

ALTER TABLE meldcode_trajecten
    ADD COLUMN vt_uitkomst text CHECK (vt_uitkomst IN ('ontvangen', 'in_onderzoek', 'afgerond')),
    ADD COLUMN vt_datum date,
    ADD COLUMN vt_toelichting text CHECK (length(vt_toelichting) <= 2000);
GRANT UPDATE (vt_uitkomst, vt_datum, vt_toelichting) ON meldcode_trajecten TO rmc_app;
