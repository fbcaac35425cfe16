-- A case of voortijdig schoolverlaten (art. 9a) starts from the jongere, not from a melding or a
-- signal; it keeps what the leerplichtambtenaar established: the reason, income, dagbesteding.

ALTER TABLE zaken
    DROP CONSTRAINT zaken_soort_check,
    ADD CONSTRAINT zaken_soort_check
        CHECK (soort IN ('relatief_verzuim', 'verzuim_18plus', 'absoluut_verzuim', 'vsv')),
    DROP CONSTRAINT zaken_herkomst,
    ADD CONSTRAINT zaken_herkomst
        CHECK (num_nonnulls(melding_id, signaal_id) = CASE WHEN soort = 'vsv' THEN 0 ELSE 1 END),
    ADD COLUMN vsv_reden text CHECK (length(vsv_reden) <= 2000),
    ADD COLUMN inkomen text CHECK (inkomen IN ('werk', 'uitkering', 'geen')),
    ADD COLUMN dagbesteding boolean;
CREATE UNIQUE INDEX zaken_een_open_vsv ON zaken (tenant_id, jongere_id)
    WHERE soort = 'vsv' AND status <> 'afgesloten';
