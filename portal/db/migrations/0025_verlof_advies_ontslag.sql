-- Art. 5.9: a director may ask the leerplichtambtenaar's advice on an application the director
-- decides. Art. 11.7-11.9: Defensie reports a discharge before 18; the vrijstelling ends then.

ALTER TABLE verlofaanvragen
    ADD COLUMN advies_vraag text CHECK (length(advies_vraag) <= 2000),
    ADD COLUMN advies text CHECK (length(advies) <= 2000),
    ADD COLUMN advies_op timestamptz;
GRANT UPDATE (advies_vraag, advies, advies_op) ON verlofaanvragen TO rmc_app;

ALTER TABLE vrijstelling_kennisgevingen ADD COLUMN ontslag_op date;
GRANT UPDATE (ontslag_op) ON vrijstelling_kennisgevingen TO rmc_app;
GRANT UPDATE (tot) ON vrijstellingen TO rmc_app;
