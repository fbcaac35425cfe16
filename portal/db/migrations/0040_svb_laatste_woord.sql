-- The SVB request rule in one place (art. 19.2): where a case stands on an SVB-melding is the last
-- word on it — put forward by the leerplichtambtenaar (waiting for the teammanager), approved, or
-- declined with a reason. The case's facts, its head, the teammanager's approvals and the
-- leerplichtambtenaar's refusals all read this view instead of counting steps each their own way.
-- security_invoker: the reader's own policies on zaakstappen apply, as if the query were theirs.
CREATE VIEW svb_laatste_woord WITH (security_invoker = true) AS
SELECT DISTINCT ON (s.tenant_id, s.zaak_id)
       s.tenant_id, s.zaak_id, s.actie, s.verslag, s.gezet_op, s.gezet_door
FROM zaakstappen s
WHERE s.actie IN ('svb_voorleggen', 'svb_akkoord', 'svb_afwijzen')
ORDER BY s.tenant_id, s.zaak_id, s.gezet_op DESC, s.id DESC;
GRANT SELECT ON svb_laatste_woord TO rmc_app;
