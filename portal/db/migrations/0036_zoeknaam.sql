-- Search that finds people (the dossier's search and the werkvoorraad's name filter): a name is
-- found by the start of any of its words, in any case and without accents ("van Dijk", "Dijk",
-- "dijk", "ozdemir" for Özdemir). The embedded server has neither pg_trgm nor unaccent, so the
-- normalised name is a stored column made by one immutable function whose letter table is the
-- one of portal/domain/zoekterm.py (a test holds the two together); a second column holds every
-- start of every word of it, under a GIN index, so the search is a containment test.
CREATE FUNCTION zoeknaam(naam text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT ' ' || btrim(regexp_replace(regexp_replace(lower(translate(naam,
        'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžĞğŞşİı',
        'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzGgSsIi')),
        '[^[:alnum:] ]', ' ', 'g'), ' +', ' ', 'g')) || ' ' $$;

ALTER TABLE jongeren ADD COLUMN zoeknaam text
    GENERATED ALWAYS AS (zoeknaam(voornamen || ' ' || coalesce(voorvoegsel, '') || ' ' || geslachtsnaam))
    STORED;

-- Every start of every word of the name ("vries" gives v, vr, vri, vrie, vries), so that a search
-- for the starts of words is one containment test on a GIN index instead of a scan.
CREATE FUNCTION zoekbegin(naam text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT coalesce(array_agg(DISTINCT left(w, n)), '{}')
          FROM regexp_split_to_table(btrim(zoeknaam(naam)), ' ') AS w,
               generate_series(1, length(w)) AS n
          WHERE w <> '' $$;

ALTER TABLE jongeren ADD COLUMN zoekbegin text[]
    GENERATED ALWAYS AS (zoekbegin(voornamen || ' ' || coalesce(voorvoegsel, '') || ' ' || geslachtsnaam))
    STORED;
CREATE INDEX jongeren_zoekbegin ON jongeren USING gin (zoekbegin);
