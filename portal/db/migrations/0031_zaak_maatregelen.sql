-- The figures' outcome of a closed case is the heaviest measure it reached. The measures were read
-- from the case's steps, where Halt and the proces-verbaal are Wpg rows that only a BOA sees, so a
-- teammanager who is no BOA counted those cases as closed without a measure. The case now keeps
-- the names of the measures it took (labels, as its status already shows them; no verslag, no Wpg
-- content), set in the step's transaction, and the figures read them from the case.
-- A case closed by Halt's positive afdoening kept gesloten_op empty and was left out of the
-- figures; it is now set there too, and here from the closing step.
-- The backfill runs as the owner with row-level security not forced for the moment, so it sees
-- every gemeente's rows (a migration has no tenant); forcing is restored in the same transaction.
ALTER TABLE zaken ADD COLUMN maatregelen text[] NOT NULL DEFAULT '{}';

ALTER TABLE zaken NO FORCE ROW LEVEL SECURITY;
ALTER TABLE zaakstappen NO FORCE ROW LEVEL SECURITY;
UPDATE zaken z SET maatregelen = m.acties
FROM (SELECT tenant_id, zaak_id, array_agg(DISTINCT actie ORDER BY actie) AS acties
      FROM zaakstappen
      WHERE actie IN ('proces_verbaal_opmaken', 'halt_verwijzen', 'svb_melden',
                      'svb_ongedaan_maken', 'overdragen_jongerenpunt', 'waarschuwingsbrief',
                      'schriftelijke_waarschuwing', 'gecorrigeerd_afsluiten')
      GROUP BY tenant_id, zaak_id) m
WHERE m.tenant_id = z.tenant_id AND m.zaak_id = z.id;
UPDATE zaken z SET gesloten_op = (
    SELECT max(s.gezet_op) FROM zaakstappen s
    WHERE s.tenant_id = z.tenant_id AND s.zaak_id = z.id AND s.naar_status = 'afgesloten')
WHERE z.status = 'afgesloten' AND z.gesloten_op IS NULL;
ALTER TABLE zaken FORCE ROW LEVEL SECURITY;
ALTER TABLE zaakstappen FORCE ROW LEVEL SECURITY;
