-- The sender on a gemeente's letters, set by its functioneel beheerder beside the templates: the
-- department, the postal address (the reply address under the sender's name) and the return
-- address printed in small type in the envelope's window. The logo is the gemeente's own
-- (portal/web/static/logos). A gemeente without a row signs as "Gemeente X, Leerplicht en RMC".
CREATE TABLE brief_afzender (
    tenant_id text PRIMARY KEY REFERENCES tenants (id) DEFAULT current_tenant(),
    afdeling text NOT NULL DEFAULT 'Leerplicht en RMC' CHECK (length(btrim(afdeling)) BETWEEN 1 AND 100),
    postadres text[] NOT NULL DEFAULT '{}' CHECK (cardinality(postadres) <= 4),
    retouradres text CHECK (length(retouradres) <= 120),
    website text CHECK (length(website) <= 100),
    gewijzigd_op timestamptz NOT NULL DEFAULT now()
);
SELECT enable_tenant_rls('brief_afzender');
GRANT SELECT, INSERT, UPDATE ON brief_afzender TO rmc_app;

-- A letter whose addressee has no known street: sent all the same, marked so that the case page
-- says the address must be written by hand (never a silent bad address).
ALTER TABLE brieven ADD COLUMN handmatig_adres boolean NOT NULL DEFAULT false;
