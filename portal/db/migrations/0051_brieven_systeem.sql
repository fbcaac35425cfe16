-- The portal itself drafts a document after a BRP import: the school history for a new
-- woongemeente (art. 3.9). A transaction without a user and without roles is the portal (the
-- worker, a callback, an import's follow-up), never a person (as in 0048), so it may write the
-- letter and read back what it wrote to send it.
ALTER POLICY brieven_lezers ON brieven
    USING (current_roles() && ARRAY['leerplichtambtenaar', 'leerplichtassistent', 'teammanager',
                                    'privacy_officer']::text[]
           OR (kopie_school AND brin = current_brin())
           OR (current_user_id() IS NULL AND current_roles() = '{}'::text[]))
    WITH CHECK (current_roles() && ARRAY['leerplichtambtenaar', 'leerplichtassistent',
                                         'teammanager']::text[]
                OR (kopie_school AND brin = current_brin())
                OR (current_user_id() IS NULL AND current_roles() = '{}'::text[]));
