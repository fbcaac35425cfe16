-- Search that finds people (the dossier's search and the werkvoorraad's name filter): a name is
-- found by the start of any of its words, in any case and without accents ("van Dijk", "Dijk",
-- "dijk", "ozdemir" for Özdemir). The embedded server has neither pg_trgm nor unaccent, so the
-- normalised name is a stored column made by one immutable function whose letter table is the
-- one of portal/domain/zoekterm.py (a test holds the two together). The column holds the name's
-- words between spaces, so a word's start is `LIKE '% dijk%'`; that reads the tenant's jongeren
-- (their tenant index), and a geboortedatum given narrows it through its index (0002).
CREATE FUNCTION zoeknaam(naam text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT ' ' || btrim(regexp_replace(regexp_replace(lower(translate(naam,
        'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžĞğŞşİı',
        'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzGgSsIi')),
        '[^[:alnum:] ]', ' ', 'g'), ' +', ' ', 'g')) || ' ' $$;

ALTER TABLE jongeren ADD COLUMN zoeknaam text
    GENERATED ALWAYS AS (zoeknaam(voornamen || ' ' || coalesce(voorvoegsel, '') || ' ' || geslachtsnaam))
    STORED;
