-- The privacy officer (DESIGN.md role table) reads the gemeente's audit log and handles inzage
-- requests (AVG art. 15; everything shared in the team falls under inzage, 2016 3.9). Reading only:
-- the officer appends nothing to a werklogboek, sees no task and writes no letter. Wpg-labelled rows
-- stay behind their BOA policies (inzage in Wpg data has its own regime).

-- Audit events: readable by the privacy officer only (still within the tenant).
GRANT SELECT ON audit_events TO rmc_app;
CREATE POLICY audit_alleen_privacy ON audit_events AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ('privacy_officer' = ANY (current_roles()));

-- The case roles' restrictive policies admit the privacy officer for reading (USING), never for
-- writing: WITH CHECK keeps the roles that could write before (for the two policies that had none,
-- their old USING, which PostgreSQL used as the check).
ALTER POLICY werklogboek_case_roles ON werklogboek
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'leerplichtassistent', 'teammanager',
                                    'privacy_officer']::text[]);
ALTER POLICY brieven_lezers ON brieven
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'leerplichtassistent', 'teammanager',
                                    'privacy_officer']::text[]
           OR (kopie_school AND brin = current_brin()))
    WITH CHECK (current_roles() && ARRAY['leerplichtambtenaar', 'leerplichtassistent',
                                         'teammanager']::text[]
                OR (kopie_school AND brin = current_brin()));
ALTER POLICY overdrachten_rollen ON overdrachten
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'teammanager', 'rmc_coordinator',
                                    'jongerenpunt', 'privacy_officer']::text[])
    WITH CHECK (current_roles() && ARRAY['leerplichtambtenaar', 'teammanager', 'rmc_coordinator',
                                         'jongerenpunt']::text[]);
