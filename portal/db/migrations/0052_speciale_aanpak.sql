-- The "speciale aanpak" (Privacyreglement 2016, 3.10): in the exceptional case that a jongere falls
-- under a special approach, the dossier says so without naming the approach, with only a contact's
-- name and phone number (no function or other description). Read like the rest of the dossier;
-- outside roles and the beheerder read nothing.
CREATE TABLE speciale_aanpak (
    tenant_id        text NOT NULL REFERENCES tenants (id) DEFAULT current_tenant(),
    jongere_id       uuid NOT NULL,
    contact_naam     text NOT NULL CHECK (length(contact_naam) BETWEEN 1 AND 100),
    contact_telefoon text NOT NULL CHECK (contact_telefoon ~ '^\+?[0-9][0-9 -]{8,18}[0-9]$'),
    gezet_op         timestamptz NOT NULL DEFAULT now(),
    gezet_door       uuid,
    PRIMARY KEY (tenant_id, jongere_id),
    FOREIGN KEY (tenant_id, jongere_id) REFERENCES jongeren (tenant_id, id)
);
SELECT enable_tenant_rls('speciale_aanpak');
CREATE POLICY extern_niets ON speciale_aanpak AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ((SELECT NOT zonder_dossier()));
GRANT SELECT, INSERT, UPDATE, DELETE ON speciale_aanpak TO rmc_app;
