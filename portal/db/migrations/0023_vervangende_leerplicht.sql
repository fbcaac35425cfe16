-- Vervangende leerplicht (art. 10; Lpw art. 3a, 3b) handled like a vrijstelling: the gesprekken,
-- the agreements in writing, those involved informed, the parents' signed request.

ALTER TABLE vrijstelling_kennisgevingen
    DROP CONSTRAINT vrijstelling_kennisgevingen_grond_check,
    ADD CONSTRAINT vrijstelling_kennisgevingen_grond_check
        CHECK (grond IN ('5a', '5b', '5c', '15', '3a', '3b')),
    ADD COLUMN gesprek_gevoerd_op date,
    ADD COLUMN afspraken text CHECK (length(afspraken) <= 5000),
    ADD COLUMN betrokkenen_geinformeerd_op date,
    ADD COLUMN verzoek_ondertekend boolean NOT NULL DEFAULT false;
GRANT UPDATE (gesprek_gevoerd_op, afspraken, betrokkenen_geinformeerd_op, verzoek_ondertekend)
    ON vrijstelling_kennisgevingen TO rmc_app;
