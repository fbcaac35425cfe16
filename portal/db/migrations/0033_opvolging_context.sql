-- A school's notice of an uitschrijving without destination starts the follow-up of art. 3.8 only
-- where the law has one (portal.domain.leerplicht.te_volgen: not for a startkwalificatie, nor for
-- a vrijstelling or vervangende leerplicht). The rule needs the pupil's diplomas and vrijstellingen,
-- which an outside role may not read (0032): this route answers them to the application, for a
-- pupil once enrolled at the caller's school only; the school is never shown them.
CREATE FUNCTION opvolging_context(p_jongere uuid)
    RETURNS TABLE (soort text, grond text, van date, tot date)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$
WITH mag AS (
    SELECT NOT ('school' = ANY (current_roles()))
        OR EXISTS (SELECT 1 FROM inschrijvingen i
                   WHERE i.tenant_id = current_tenant() AND i.jongere_id = p_jongere
                     AND i.brin = current_brin()) AS ok
)
SELECT 'diploma', d.diploma, d.datum, NULL::date FROM diplomas d
WHERE (SELECT ok FROM mag) AND d.tenant_id = current_tenant() AND d.jongere_id = p_jongere
UNION ALL
SELECT 'vrijstelling', v.grond, v.van, v.tot FROM vrijstellingen v
WHERE (SELECT ok FROM mag) AND v.tenant_id = current_tenant() AND v.jongere_id = p_jongere
$$;
REVOKE ALL ON FUNCTION opvolging_context(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION opvolging_context(uuid) TO rmc_app;
