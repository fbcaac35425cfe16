-- A message a case's step sends names the case, so that the leerplichtambtenaar handling it learns
-- when the partner refused it or it could not be delivered (the werkvoorraad's notice), not only
-- the functioneel beheerder. `geweigerd`: the partner answered that it will not take the message
-- (as against no answer after every attempt).
ALTER TABLE outbox ADD COLUMN zaak_id uuid;
ALTER TABLE outbox ADD COLUMN geweigerd boolean NOT NULL DEFAULT false;

-- The messages already sent for a case: Halt's verwijzing and the SVB's messages carry the case's
-- id; DUO's closing of a melding its DUO id.
UPDATE outbox o SET zaak_id = z.id
FROM zaken z
WHERE z.tenant_id = o.tenant_id
  AND ((o.partner = 'halt' AND o.soort = 'verwijzing' AND z.id::text = o.payload->>'verwijzing_id')
       OR (o.partner = 'svb' AND z.id::text = o.payload->>'melding_id'));
UPDATE outbox o SET zaak_id = z.id
FROM meldingen m JOIN zaken z ON z.tenant_id = m.tenant_id AND z.melding_id = m.id
WHERE m.tenant_id = o.tenant_id AND o.partner = 'duo' AND o.soort = 'melding_status'
  AND m.duo_melding_id = o.payload->>'duo_melding_id';
-- Whether an earlier dead message was refused is not known: it counts as not delivered.

CREATE INDEX outbox_dood_per_zaak ON outbox (tenant_id, zaak_id)
    WHERE status = 'dead' AND zaak_id IS NOT NULL;
