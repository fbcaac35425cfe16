-- "Ons kenmerk": a readable number per gemeente, kind and year instead of a piece of a uuid
-- (LP-2026-00123 for a leerplicht case, RMC- for a VSV case, VL- for a verlof application,
-- VR- for a kennisgeving of vrijstelling). Given on insert by a trigger, so every path that opens
-- one (the API, imports, the benchmarks' bulk inserts) numbers it the same way; the counter row
-- of a gemeente, kind and year is locked for the rest of the transaction, so numbers are never
-- handed out twice, and a rolled-back opening leaves a gap rather than a duplicate.
CREATE TABLE kenmerk_tellers (
    tenant_id text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    voorvoegsel text NOT NULL CHECK (voorvoegsel ~ '^[A-Z]{2,3}$'),
    jaar int NOT NULL CHECK (jaar BETWEEN 2000 AND 2999),
    laatste int NOT NULL CHECK (laatste > 0),
    PRIMARY KEY (tenant_id, voorvoegsel, jaar)
);
SELECT enable_tenant_rls('kenmerk_tellers');
-- The application never reads or writes the counters itself (how many cases a gemeente opened is
-- not a school's business): only the function below, run as rmc_owner, does, for the gemeente
-- the transaction is scoped to.
CREATE POLICY kenmerk_tellen ON kenmerk_tellers TO rmc_owner USING (true) WITH CHECK (true);

CREATE FUNCTION volgend_kenmerk(p_tenant text, p_voorvoegsel text, p_op timestamptz)
    RETURNS text LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = portal, pg_temp
    AS $$
DECLARE
    v_jaar int := extract(year FROM p_op AT TIME ZONE 'Europe/Amsterdam');
    v_nummer int;
BEGIN
    IF current_tenant() IS NOT NULL AND p_tenant IS DISTINCT FROM current_tenant() THEN
        RAISE EXCEPTION 'een kenmerk alleen voor de eigen gemeente';
    END IF;
    INSERT INTO kenmerk_tellers AS t (tenant_id, voorvoegsel, jaar, laatste)
    VALUES (p_tenant, p_voorvoegsel, v_jaar, 1)
    ON CONFLICT (tenant_id, voorvoegsel, jaar) DO UPDATE SET laatste = t.laatste + 1
    RETURNING laatste INTO v_nummer;
    RETURN p_voorvoegsel || '-' || v_jaar || '-' || lpad(v_nummer::text, 5, '0');
END
$$;
REVOKE ALL ON FUNCTION volgend_kenmerk(text, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION volgend_kenmerk(text, text, timestamptz) TO rmc_app;

CREATE FUNCTION kenmerk_geven() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kenmerk IS NULL THEN
        NEW.kenmerk := volgend_kenmerk(
            NEW.tenant_id,
            CASE WHEN to_jsonb(NEW) ->> 'soort' = 'vsv' AND TG_TABLE_NAME = 'zaken' THEN 'RMC'
                 ELSE TG_ARGV[0] END,
            coalesce(CASE TG_TABLE_NAME
                WHEN 'zaken' THEN to_jsonb(NEW) ->> 'geopend_op'
                WHEN 'verlofaanvragen' THEN to_jsonb(NEW) ->> 'ingediend_op'
                ELSE to_jsonb(NEW) ->> 'ontvangen_op' END::timestamptz, now()));
    END IF;
    RETURN NEW;
END
$$;

ALTER TABLE zaken ADD COLUMN kenmerk text;
ALTER TABLE verlofaanvragen ADD COLUMN kenmerk text;
ALTER TABLE vrijstelling_kennisgevingen ADD COLUMN kenmerk text;

-- What exists gets its number in the order it came in.
WITH genummerd AS (
    SELECT tenant_id, id,
           CASE WHEN soort = 'vsv' THEN 'RMC' ELSE 'LP' END AS vv,
           extract(year FROM geopend_op AT TIME ZONE 'Europe/Amsterdam')::int AS jaar,
           row_number() OVER (PARTITION BY tenant_id, soort = 'vsv',
                              extract(year FROM geopend_op AT TIME ZONE 'Europe/Amsterdam')
                              ORDER BY geopend_op, id) AS n
    FROM zaken
)
UPDATE zaken z SET kenmerk = g.vv || '-' || g.jaar || '-' || lpad(g.n::text, 5, '0')
FROM genummerd g WHERE g.tenant_id = z.tenant_id AND g.id = z.id;
WITH genummerd AS (
    SELECT tenant_id, id, extract(year FROM ingediend_op AT TIME ZONE 'Europe/Amsterdam')::int AS jaar,
           row_number() OVER (PARTITION BY tenant_id,
                              extract(year FROM ingediend_op AT TIME ZONE 'Europe/Amsterdam')
                              ORDER BY ingediend_op, id) AS n
    FROM verlofaanvragen
)
UPDATE verlofaanvragen v SET kenmerk = 'VL-' || g.jaar || '-' || lpad(g.n::text, 5, '0')
FROM genummerd g WHERE g.tenant_id = v.tenant_id AND g.id = v.id;
WITH genummerd AS (
    SELECT tenant_id, id, extract(year FROM ontvangen_op)::int AS jaar,
           row_number() OVER (PARTITION BY tenant_id, extract(year FROM ontvangen_op)
                              ORDER BY ontvangen_op, id) AS n
    FROM vrijstelling_kennisgevingen
)
UPDATE vrijstelling_kennisgevingen k SET kenmerk = 'VR-' || g.jaar || '-' || lpad(g.n::text, 5, '0')
FROM genummerd g WHERE g.tenant_id = k.tenant_id AND g.id = k.id;
INSERT INTO kenmerk_tellers (tenant_id, voorvoegsel, jaar, laatste)
SELECT tenant_id, split_part(kenmerk, '-', 1), split_part(kenmerk, '-', 2)::int,
       max(split_part(kenmerk, '-', 3)::int)
FROM (SELECT tenant_id, kenmerk FROM zaken UNION ALL SELECT tenant_id, kenmerk FROM verlofaanvragen
      UNION ALL SELECT tenant_id, kenmerk FROM vrijstelling_kennisgevingen) k
GROUP BY 1, 2, 3;

ALTER TABLE zaken ALTER COLUMN kenmerk SET NOT NULL;
ALTER TABLE verlofaanvragen ALTER COLUMN kenmerk SET NOT NULL;
ALTER TABLE vrijstelling_kennisgevingen ALTER COLUMN kenmerk SET NOT NULL;
CREATE UNIQUE INDEX zaken_kenmerk ON zaken (tenant_id, kenmerk);
CREATE UNIQUE INDEX verlofaanvragen_kenmerk ON verlofaanvragen (tenant_id, kenmerk);
CREATE UNIQUE INDEX vrijstelling_kennisgevingen_kenmerk
    ON vrijstelling_kennisgevingen (tenant_id, kenmerk);
CREATE TRIGGER kenmerk BEFORE INSERT ON zaken
    FOR EACH ROW EXECUTE FUNCTION kenmerk_geven('LP');
CREATE TRIGGER kenmerk BEFORE INSERT ON verlofaanvragen
    FOR EACH ROW EXECUTE FUNCTION kenmerk_geven('VL');
CREATE TRIGGER kenmerk BEFORE INSERT ON vrijstelling_kennisgevingen
    FOR EACH ROW EXECUTE FUNCTION kenmerk_geven('VR');
