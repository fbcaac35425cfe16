-- The sender on a letter: the leerplichtambtenaar's direct phone and function (e.g.
-- "leerplichtambtenaar", "RMC-trajectbegeleider"), set with `rmc-portal users add --telefoon
-- --functie`, the API and the beheer page. The e-mail address is the login's.
ALTER TABLE users
    ADD COLUMN telefoon text CHECK (telefoon ~ '^\+?[0-9][0-9 ()-]{5,24}$'),
    ADD COLUMN functie text CHECK (length(btrim(functie)) BETWEEN 1 AND 100);
GRANT INSERT (telefoon, functie), UPDATE (telefoon, functie) ON users TO rmc_app;
