-- The teammanager's answer to a voorgenomen SVB-melding has two outcomes (art. 19.2): akkoord, or
-- afgewezen with a reason the leerplichtambtenaar reads. A step keeps what was written down at it
-- (the verslag, also in the werklogboek), so the reason and the request's motivation can be shown
-- beside the case; the SVB look-ups index the third step too.
ALTER TABLE zaakstappen ADD COLUMN verslag text CHECK (verslag IS NULL OR length(verslag) <= 20000);
DROP INDEX zaakstappen_svb;
CREATE INDEX zaakstappen_svb ON zaakstappen (tenant_id, zaak_id)
    WHERE actie IN ('svb_voorleggen', 'svb_akkoord', 'svb_afwijzen');
