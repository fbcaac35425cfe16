-- Art. 3.9 within the region: a jongere who moved to another gemeente of the region has the
-- dossier's administrative part handed to that gemeente's tenant through this one named
-- cross-tenant route: the personalia and new address, the enrolments and diplomas (DUO's data the
-- new gemeente's controls need) and the school-history document the portal drew up, with an audit
-- event in the receiving tenant (the sending side audits in its own transaction). Cases, the
-- werklogboek and anything Wpg stay with the gemeente that kept them.
--
-- Only the portal itself calls it (the worker, no user), for a move recorded in the caller's own
-- tenant by a BRP import and not yet handed over, to a gemeente of the region other than itself.

ALTER TABLE woongemeente_overdrachten ADD COLUMN naar_jongere_id uuid;

-- A transaction that audits in two tenants moves both chain heads at commit, whichever tenant the
-- transaction is set to by then: the audit triggers (definer, the only users of the heads; the
-- application role has no grant on them) read and write every tenant's head.
CREATE POLICY audit_triggers ON audit_chain_heads TO rmc_owner USING (true) WITH CHECK (true);

CREATE FUNCTION dossier_naar_regiogemeente(p_overdracht uuid, p_brief uuid) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$
DECLARE
    bron text := current_tenant();
    o woongemeente_overdrachten;
    j jongeren;
    b brieven;
    nieuw uuid;
BEGIN
    IF bron IS NULL OR current_user_id() IS NOT NULL THEN
        RAISE EXCEPTION 'alleen het portaal zelf draagt een dossier over'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO o FROM woongemeente_overdrachten
    WHERE tenant_id = bron AND id = p_overdracht AND status = 'te_versturen' FOR UPDATE;
    IF NOT FOUND OR o.naar_gemeentecode = bron
       OR NOT EXISTS (SELECT 1 FROM tenants WHERE id = o.naar_gemeentecode) THEN
        RAISE EXCEPTION 'geen overdracht binnen de regio' USING ERRCODE = 'no_data_found';
    END IF;
    SELECT * INTO j FROM jongeren WHERE tenant_id = bron AND id = o.jongere_id;
    SELECT * INTO b FROM brieven
    WHERE tenant_id = bron AND id = p_brief AND jongere_id = o.jongere_id
      AND soort = 'overdracht_woongemeente';
    IF b.id IS NULL THEN
        RAISE EXCEPTION 'het overdrachtsdocument ontbreekt' USING ERRCODE = 'no_data_found';
    END IF;

    -- From here the receiving tenant's rows: its own policies hold as for its own writes.
    PERFORM set_config('rmc.tenant_id', o.naar_gemeentecode, true);
    INSERT INTO jongeren (tenant_id, bsn, voornamen, voorvoegsel, geslachtsnaam, geboortedatum,
                          geslacht, gemeentecode, postcode, huisnummer, woonplaats, ouder1_bsn,
                          ouder1_naam, ouder2_bsn, ouder2_naam, straatnaam, huisletter,
                          huisnummertoevoeging)
    VALUES (o.naar_gemeentecode, j.bsn, j.voornamen, j.voorvoegsel, j.geslachtsnaam,
            j.geboortedatum, j.geslacht, o.naar_gemeentecode, j.postcode, j.huisnummer,
            j.woonplaats, j.ouder1_bsn, j.ouder1_naam, j.ouder2_bsn, j.ouder2_naam, j.straatnaam,
            j.huisletter, j.huisnummertoevoeging)
    ON CONFLICT (tenant_id, bsn) DO UPDATE SET
        gemeentecode = excluded.gemeentecode, postcode = excluded.postcode,
        huisnummer = excluded.huisnummer, woonplaats = excluded.woonplaats,
        straatnaam = excluded.straatnaam, huisletter = excluded.huisletter,
        huisnummertoevoeging = excluded.huisnummertoevoeging, bijgewerkt_op = now()
    RETURNING id INTO nieuw;
    -- The sending tenant's enrolments and diplomas are read through the owner's cross-tenant
    -- read of intake (0006); nothing else of it is readable here.
    INSERT INTO inschrijvingen (tenant_id, jongere_id, brin, vestiging, onderwijssoort, leerjaar,
                                datum_inschrijving, datum_uitschrijving)
    SELECT o.naar_gemeentecode, nieuw, i.brin, i.vestiging, i.onderwijssoort, i.leerjaar,
           i.datum_inschrijving, i.datum_uitschrijving
    FROM inschrijvingen i WHERE i.tenant_id = bron AND i.jongere_id = j.id
    ON CONFLICT (tenant_id, jongere_id, brin, vestiging, datum_inschrijving) DO NOTHING;
    INSERT INTO diplomas (tenant_id, jongere_id, diploma, datum)
    SELECT o.naar_gemeentecode, nieuw, d.diploma, d.datum
    FROM diplomas d WHERE d.tenant_id = bron AND d.jongere_id = j.id
    ON CONFLICT (tenant_id, jongere_id, diploma, datum) DO NOTHING;
    INSERT INTO brieven (tenant_id, jongere_id, soort, titel, pdf, sha256)
    VALUES (o.naar_gemeentecode, nieuw, b.soort, b.titel, b.pdf, b.sha256);
    INSERT INTO audit_events (tenant_id, action, object_type, object_id, jongere_id, purpose,
                              request_id, detail, prev_hash, hash)
    VALUES (o.naar_gemeentecode, 'create', 'overdracht_binnen_regio', p_overdracht::text, nieuw,
            'overdracht woongemeente', nullif(current_setting('rmc.request_id', true), ''),
            jsonb_build_object('van_gemeentecode', bron), '', '');
    PERFORM set_config('rmc.tenant_id', bron, true);

    UPDATE woongemeente_overdrachten SET naar_jongere_id = nieuw WHERE tenant_id = bron AND id = o.id;
    RETURN nieuw;
END
$$;
REVOKE ALL ON FUNCTION dossier_naar_regiogemeente(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dossier_naar_regiogemeente(uuid, uuid) TO rmc_app;
