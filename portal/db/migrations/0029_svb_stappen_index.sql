-- The teammanager's approvals (werkvoorraad, art. 19.2) look for cases with an SVB-melding put
-- forward and not yet approved; only those two steps are indexed, so the look-up reads a handful of
-- rows instead of every open case's steps.
CREATE INDEX zaakstappen_svb ON zaakstappen (tenant_id, zaak_id)
    WHERE actie IN ('svb_voorleggen', 'svb_akkoord');
