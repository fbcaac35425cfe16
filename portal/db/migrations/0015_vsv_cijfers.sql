-- The RMC-coördinator's regional overview (art. 9a; "regional reports" in DESIGN.md's role table):
-- counts per gemeente and month, computed when the month's list is built, in that transaction, so
-- that reading the overview needs no cross-tenant read at all. The build also reads, through the
-- same narrow named route as the list itself, whether a VSV'er has an overdracht or a VSV case.

CREATE POLICY vsv_regionaal_lezen ON overdrachten FOR SELECT TO rmc_app
    USING ('rmc_coordinator' = ANY (current_roles()) AND current_purpose() = 'vsv-lijst bouwen'
           AND is_contactgemeente(current_tenant()));
CREATE POLICY vsv_regionaal_lezen ON zaken FOR SELECT TO rmc_app
    USING ('rmc_coordinator' = ANY (current_roles()) AND current_purpose() = 'vsv-lijst bouwen'
           AND is_contactgemeente(current_tenant()));

CREATE TABLE vsv_cijfers (
    tenant_id      text NOT NULL DEFAULT current_tenant(),
    maand          text NOT NULL,
    woongemeente   text NOT NULL REFERENCES tenants (id),
    aantal         integer NOT NULL,
    nieuw          integer,
    teruggekeerd   integer,
    met_overdracht integer NOT NULL,
    zonder_contact integer NOT NULL,
    PRIMARY KEY (tenant_id, maand, woongemeente),
    FOREIGN KEY (tenant_id, maand) REFERENCES vsv_lijsten (tenant_id, maand)
);
COMMENT ON COLUMN vsv_cijfers.nieuw IS 'not on the previous month''s list; NULL when that was not built';
COMMENT ON COLUMN vsv_cijfers.teruggekeerd IS 'on the previous month''s list, enrolled at this month''s end';
COMMENT ON COLUMN vsv_cijfers.zonder_contact IS 'no VSV case opened for the jongere';
SELECT enable_tenant_rls('vsv_cijfers');
CREATE POLICY vsv_cijfers_rmc ON vsv_cijfers AS RESTRICTIVE FOR SELECT TO rmc_app
    USING ('rmc_coordinator' = ANY (current_roles()) OR current_user_id() IS NULL);
GRANT SELECT, INSERT, DELETE ON vsv_cijfers TO rmc_app;
