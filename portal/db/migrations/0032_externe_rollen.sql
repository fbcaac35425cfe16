-- Schools, regiogemeenten, the Jongerenpunt and partners work in a gemeente's tenant, but the role
-- table gives them only their own scope: a school its own submissions, the others what is handed to
-- them (through tables with their own policies: vsv_regels, overdrachten, brieven' copies). Until
-- now that held in the application alone for the jongeren, their enrolments, meldingen, cases,
-- signals and deadlines; a bug in a query would have shown a school the whole gemeente. These
-- restrictive read policies make the database hold it too ("the application check and RLS both
-- hold"). The functioneel beheerder ("no dossier content") joins them for the case data, not for
-- the outbox and the users it manages. Other roles and system jobs (no user) are not affected.
--
-- `alleen_extern()` is true for a user whose every role is an outside organisation's (a user with
-- no role at all counts as outside: it reads nothing); `zonder_dossier()` also for the beheerder.
-- In the policies each is a sub-select, an InitPlan evaluated once per query, so that another
-- role's read pays one check, not one per row.

CREATE FUNCTION alleen_extern() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT current_user_id() IS NOT NULL
                 AND current_roles() <@ ARRAY['school', 'regiogemeente', 'jongerenpunt',
                                              'partner_halt', 'partner_svb',
                                              'partner_veilig_thuis']::text[] $$;

CREATE FUNCTION zonder_dossier() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT current_user_id() IS NOT NULL
                 AND current_roles() <@ ARRAY['school', 'regiogemeente', 'jongerenpunt',
                                              'partner_halt', 'partner_svb',
                                              'partner_veilig_thuis',
                                              'functioneel_beheerder']::text[] $$;

-- A school's scope through another table, as functions: the planner takes a function's declared
-- cost, where it would cost an EXISTS sub-plan for every row of every internal user's scan (a scan
-- of the open deadlines went from 6k to 146k cost units, over the JIT threshold, 70 → 240 ms),
-- though for them the first test of the OR already holds and the sub-plan never runs. plpgsql, so
-- that it is not inlined back into a sub-plan; it runs as the caller, under the same policies.
CREATE FUNCTION eigen_leerling(p_tenant text, p_jongere uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 10
    AS $$ BEGIN
        RETURN EXISTS (SELECT 1 FROM inschrijvingen i
                       WHERE i.tenant_id = p_tenant AND i.jongere_id = p_jongere
                         AND i.brin = current_brin());
    END $$;

CREATE FUNCTION eigen_termijn(p_tenant text, p_melding uuid, p_signaal uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE COST 10
    AS $$ BEGIN
        RETURN EXISTS (SELECT 1 FROM meldingen m
                       WHERE m.tenant_id = p_tenant AND m.id = p_melding
                         AND m.brin = current_brin())
            OR EXISTS (SELECT 1 FROM signalen s
                       WHERE s.tenant_id = p_tenant AND s.id = p_signaal
                         AND s.brin = current_brin());
    END $$;

-- A school's notice of a new enrolment names a pupil it may not read yet (the enrolment itself
-- arrives later, with the school's administration): the notice is tied to the jongere of that
-- BSN in the school's gemeente on insert, without the school reading the jongere.
CREATE FUNCTION kennisgeving_jongere() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$ BEGIN
        IF NEW.jongere_id IS NULL THEN
            SELECT j.id INTO NEW.jongere_id FROM jongeren j
            WHERE j.tenant_id = NEW.tenant_id AND j.bsn = NEW.bsn;
        END IF;
        RETURN NEW;
    END $$;
REVOKE ALL ON FUNCTION kennisgeving_jongere() FROM PUBLIC;
CREATE TRIGGER kennisgeving_jongere BEFORE INSERT ON kennisgevingen
    FOR EACH ROW EXECUTE FUNCTION kennisgeving_jongere();

-- A school reads its own pupils (enrolled at its BRIN, now or before): their name on its own
-- submissions, the startkwalificatie check of an uitschrijving.
CREATE POLICY extern_eigen_leerlingen ON jongeren AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ((SELECT NOT zonder_dossier()) OR eigen_leerling(tenant_id, id));

CREATE POLICY extern_eigen_inschrijvingen ON inschrijvingen AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ((SELECT NOT zonder_dossier()) OR brin = current_brin());

CREATE POLICY extern_eigen_leerlingen ON diplomas AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ((SELECT NOT zonder_dossier()) OR eigen_leerling(tenant_id, jongere_id));

CREATE POLICY extern_eigen_meldingen ON meldingen AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ((SELECT NOT zonder_dossier()) OR brin = current_brin());

-- A school's uitschrijving without destination starts a signal for its own BRIN (art. 3.8) and
-- writes it with RETURNING; that signal and the deadlines of its own meldingen are all it reads.
CREATE POLICY extern_eigen_signalen ON signalen AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ((SELECT NOT zonder_dossier()) OR brin = current_brin());

CREATE POLICY extern_eigen_termijnen ON termijnen AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ((SELECT NOT zonder_dossier()) OR eigen_termijn(tenant_id, melding_id, signaal_id));

-- Case work, exemptions, partner answers and the leerplichtambtenaar's registers: nothing.
DO $$
DECLARE
    tabel text;
BEGIN
    FOREACH tabel IN ARRAY ARRAY['zaken', 'zaakstappen', 'vrijstellingen', 'partnerberichten',
                                 'onderwijsvoorziening_jongeren', 'woongemeente_overdrachten']
    LOOP
        EXECUTE format(
            'CREATE POLICY extern_niets ON %I AS RESTRICTIVE FOR SELECT TO rmc_app'
            ' USING ((SELECT NOT zonder_dossier()))', tabel);
    END LOOP;
END
$$;

-- The outbox (messages to partners, with their personal data): outside users read nothing, the
-- beheerder keeps the dead messages it re-sends. A school's request may still enqueue a message:
-- it writes, it does not read back.
CREATE POLICY extern_niets ON outbox AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ((SELECT NOT alleen_extern()));

-- The gemeente's staff (names, e-mail addresses, roles): an outside user reads only itself.
CREATE POLICY extern_zichzelf ON users AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ((SELECT NOT alleen_extern()) OR id = current_user_id());

-- The beheerder's teams page counts each team's open cases without reading them: a named route
-- that answers counts for the caller's own gemeente only (as owner, under the tenant policy).
CREATE FUNCTION open_zaken_per_team() RETURNS TABLE (team_id uuid, aantal bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$ SELECT z.team_id, count(*) FROM zaken z
          WHERE z.tenant_id = current_tenant() AND z.status <> 'afgesloten'
          GROUP BY z.team_id $$;
REVOKE ALL ON FUNCTION open_zaken_per_team() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION open_zaken_per_team() TO rmc_app;
